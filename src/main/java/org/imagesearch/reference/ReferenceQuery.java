package org.imagesearch.reference;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.imagesearch.query.Hit;
import org.imagesearch.store.PgArrays;
import org.imagesearch.store.Transactions;

/**
 * The reference's query: the stored vector of one image as the parameter of
 * {@link ReferenceSql#neighbours()}, answered through the HNSW cast-expression index. The image itself
 * comes first, at distance 0.
 */
public final class ReferenceQuery {
    /** The query image's class and the rows the query returned, nearest first. */
    public record Answer(String queryClass, List<Hit> neighbours) {}

    private final ReferenceSql sql;

    public ReferenceQuery(ReferenceSql sql) {
        this.sql = sql;
    }

    public Answer neighboursOf(Connection connection, long queryId) throws SQLException {
        String queryClass;
        float[] vector;
        try (PreparedStatement ps = connection.prepareStatement(sql.imageOf())) {
            ps.setLong(1, queryId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("image " + queryId + " is not in " + ReferenceSql.TABLE);
                }
                queryClass = rs.getString(1);
                vector = PgArrays.floats(rs.getArray(2));
            }
        }
        return Transactions.run(connection, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.forceIndexScan())) {
                ps.execute();
            }
            List<Hit> hits = new ArrayList<>(ReferenceSql.NEIGHBOURS);
            try (PreparedStatement ps = c.prepareStatement(sql.neighbours())) {
                ps.setObject(1, new PGvector(vector));
                ps.setObject(2, new PGvector(vector));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hits.add(new Hit(rs.getLong(1), rs.getString(2), rs.getDouble(3), null));
                    }
                }
            }
            return new Answer(queryClass, hits);
        });
    }
}
