package org.imagesearch.store;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imagesearch.config.TableSpec;

/** Reads of single rows and counts from the vector table: thumbnails, classes, stored vectors, the size. */
public final class ImageTable {
    private final VectorTableSql sql;

    public ImageTable(TableSpec table) {
        this.sql = new VectorTableSql(table);
    }

    /** The stored thumbnail of an image, or null if there is no such id. */
    public byte[] thumbnail(Connection connection, long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.thumbnailOf())) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    public long countRows(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.countRows());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Rows written within the last {@code window}, by the database's clock. */
    public long countUpdatedWithin(Connection connection, Duration window) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.countUpdatedWithin())) {
            ps.setDouble(1, window.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The bytes the table takes on disk, its indexes and TOAST included; null if there is no such table. */
    public Long totalBytes(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.totalBytes())) {
            ps.setString(1, sql.table().name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, Long.class);
            }
        }
    }

    /** The class of a stored image ("" when it has none), or null if there is no such id. */
    public String labelOf(Connection connection, long id) throws SQLException {
        StoredImage image = describe(connection, id);
        if (image == null) {
            return null;
        }
        return image.label() == null ? "" : image.label();
    }

    /** A stored image's class and metadata, or null if there is no such id. */
    public StoredImage describe(Connection connection, long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.describe())) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new StoredImage(id, rs.getString(1), rs.getString(2)) : null;
            }
        }
    }

    /** The class of every stored image that has one, by id. */
    public Map<Long, String> labels(Connection connection) throws SQLException {
        Map<Long, String> labels = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.labelled());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                labels.put(rs.getLong(1), rs.getString(2));
            }
        }
        return labels;
    }

    /** The smallest stored id, or null if the table is empty. */
    public Long smallestId(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.smallestId());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, Long.class);
        }
    }

    /** The stored vectors of those of {@code ids} that exist. */
    public Map<Long, float[]> vectorsOf(Connection connection, List<Long> ids) throws SQLException {
        Map<Long, float[]> vectors = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.vectorsOf())) {
            ps.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // Parsed from text: a pooled connection (the service's) has no pgvector types registered.
                    vectors.put(rs.getLong(1), new PGvector(rs.getString(2)).toArray());
                }
            }
        }
        return vectors;
    }
}
