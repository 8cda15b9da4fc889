package org.imagesearch.testing;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.store.PostgresConnections;

/** Reads a vector table back for assertions. */
public final class TableRows {
    public record Row(long id, String label, float[] vector, String metadata, DescriptorTag tag,
                      byte[] thumbnail) {}

    private TableRows() {}

    public static Map<Long, Row> read(Settings.Database db) throws SQLException {
        Map<Long, Row> rows = new HashMap<>();
        try (Connection c = PostgresConnections.open(db);
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, class, image_vector, metadata::text, model, descriptor, input_size, "
                             + "projection_version, thumbnail FROM " + db.table().name());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                PGvector vector = new PGvector(rs.getString(3)); // from text: halfvec columns too
                DescriptorTag tag = new DescriptorTag(rs.getString(5), rs.getString(6), rs.getInt(7),
                        rs.getObject(8, Integer.class));
                rows.put(rs.getLong(1), new Row(rs.getLong(1), rs.getString(2), vector.toArray(), rs.getString(4),
                        tag, rs.getBytes(9)));
            }
        }
        return rows;
    }

    public static long count(Settings.Database db) throws SQLException {
        try (Connection c = PostgresConnections.open(db);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + db.table().name());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
