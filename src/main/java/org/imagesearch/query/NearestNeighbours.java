package org.imagesearch.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imagesearch.store.VectorTableSql;

/** Top-k lookups against the vector table through its HNSW index. */
public final class NearestNeighbours {
    public static final int MAX_K = 1000;
    private final VectorTableSql sql;

    public NearestNeighbours(VectorTableSql sql) {
        this.sql = sql;
    }

    /** The {@code k} images closest to the stored image {@code id} (itself excluded); empty if id is unknown. */
    public Optional<List<Neighbour>> byId(Connection connection, long id, int k) throws SQLException {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be in 1.." + MAX_K + ", got " + k);
        }
        if (labelOf(connection, id).isEmpty()) {
            return Optional.empty();
        }
        List<Neighbour> result = new ArrayList<>(k);
        try (PreparedStatement ps = connection.prepareStatement(sql.nearestToId())) {
            ps.setLong(1, id);
            ps.setLong(2, id);
            ps.setLong(3, id);
            ps.setInt(4, k);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Neighbour(rs.getLong(1), rs.getString(2), rs.getDouble(3)));
                }
            }
        }
        return Optional.of(result);
    }

    public long countRows(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.countRows());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The class of a stored image: empty if there is no such id; a present but null class is "". */
    public Optional<String> labelOf(Connection connection, long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.labelOf())) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String label = rs.getString(1);
                return Optional.of(label == null ? "" : label);
            }
        }
    }
}
