package org.imagesearch.watch;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.imagesearch.config.TableSpec;
import org.imagesearch.store.SchemaChanges;

/**
 * The table {@code <table>_watches} next to the vector table. Its name comes from a validated {@link TableSpec};
 * every value is a bound parameter. Vectors are stored as {@code vector(dimension)} whatever the vector table's
 * storage type: a watchlist is small and is compared in Java at full precision.
 */
public final class WatchTable {
    private static final String COLUMNS = "watch_id, vector, distance, note, created_at";

    private final TableSpec table;
    private final String name;

    public WatchTable(TableSpec table) {
        this.table = table;
        this.name = table.watchTableName();
    }

    /** Creates the table if missing; every subtask of the watch operator does this when it opens. */
    public void create(Connection connection) throws SQLException {
        SchemaChanges.run(connection, c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + name + " (watch_id bigserial PRIMARY KEY, vector vector("
                        + table.dimension() + ") NOT NULL, distance double precision NOT NULL CHECK (distance >= 0), "
                        + "note text, created_at timestamptz NOT NULL DEFAULT now())");
            }
            return null;
        });
    }

    /** Watches {@code vector}. */
    public Watch add(Connection connection, float[] vector, double distance, String note) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + name
                + " (vector, distance, note) VALUES (?, ?, ?) RETURNING " + COLUMNS)) {
            ps.setObject(1, new PGvector(vector));
            ps.setDouble(2, distance);
            ps.setString(3, note);
            return single(ps);
        }
    }

    /** Watches the stored vector of image {@code imageId}; null if the table has no such image. */
    public Watch addImage(Connection connection, long imageId, double distance, String note) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + name
                + " (vector, distance, note) SELECT image_vector::vector(" + table.dimension() + "), ?, ? FROM "
                + table.name() + " WHERE id = ? RETURNING " + COLUMNS)) {
            ps.setDouble(1, distance);
            ps.setString(2, note);
            ps.setLong(3, imageId);
            return single(ps);
        }
    }

    public List<Watch> list(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM " + name + " ORDER BY watch_id");
             ResultSet rs = ps.executeQuery()) {
            List<Watch> watches = new ArrayList<>();
            while (rs.next()) {
                watches.add(watch(rs));
            }
            return watches;
        }
    }

    /** Whether watch {@code watchId} existed; it raises no alert from now on. */
    public boolean remove(Connection connection, long watchId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + name + " WHERE watch_id = ?")) {
            ps.setLong(1, watchId);
            return ps.executeUpdate() == 1;
        }
    }

    private static Watch single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? watch(rs) : null;
        }
    }

    private static Watch watch(ResultSet rs) throws SQLException {
        PGvector vector = new PGvector(rs.getString(2));
        return new Watch(rs.getLong(1), vector.toArray(), rs.getDouble(3), rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }
}
