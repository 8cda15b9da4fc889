package org.imagesearch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.imagesearch.embed.DescriptorTag;

/**
 * Creates the pgvector extension, the table, its tombstones, its HNSW index and the index on {@code updated_at} if
 * they are missing, and refuses to run against an existing table whose vector dimension differs from the configured
 * one, or whose vectors were made another way (model, descriptor, input size or projection) than the configured one.
 */
public final class VectorTableSchema {
    private final VectorTableSql sql;

    public VectorTableSchema(VectorTableSql sql) {
        this.sql = sql;
    }

    /** Creates what is missing; every sink subtask of a job does this when it opens ({@link SchemaChanges}). */
    public void ensure(Connection connection) throws SQLException {
        SchemaChanges.run(connection, c -> {
            String expected = sql.table().columnType();
            String existing = vectorColumnType(c);
            if (existing != null && !existing.equals(expected)) {
                throw new IllegalStateException("table " + sql.table().name() + " stores " + existing
                        + " but the configured " + mismatch(existing) + " needs " + expected
                        + ": use another --table or re-create it");
            }
            try (Statement statement = c.createStatement()) {
                statement.execute(sql.createTable());
                statement.execute(sql.addMissingColumns());
                statement.execute(sql.createTombstoneTable());
                statement.execute(sql.createIndex());
                statement.execute(sql.createUpdatedAtIndex());
                statement.execute(sql.createDuplicateOfIndex());
            }
            return null;
        });
    }

    /**
     * Creates the table and HNSW index if missing, empties it if asked, and fails if it already holds vectors
     * made another way than {@code configured}.
     */
    public void prepare(Connection connection, DescriptorTag configured, boolean empty) throws SQLException {
        ensure(connection);
        if (empty) {
            try (PreparedStatement truncate = connection.prepareStatement(sql.truncate())) {
                truncate.execute();
            }
        }
        requireDescriptor(connection, configured);
    }

    /**
     * Fails unless the table is empty or its newest row was made with {@code configured}: vectors of
     * different descriptors are not comparable, even when their dimensions agree.
     */
    public void requireDescriptor(Connection connection, DescriptorTag configured) throws SQLException {
        DescriptorTag stored = newestDescriptor(connection);
        if (stored != null && !stored.equals(configured)) {
            throw new IllegalStateException("table " + sql.table().name() + " holds vectors made with "
                    + stored.describe() + " but the configured descriptor is " + configured.describe()
                    + ": pass the table's settings (--descriptor, --gem-p, --input-size, --projection, --model),"
                    + " or index into another --table");
        }
    }

    /** How the newest row's vector was made, or null for an empty or missing table. */
    public DescriptorTag newestDescriptor(Connection connection) throws SQLException {
        if (vectorColumnType(connection) == null) {
            return null;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.newestDescriptor());
             ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            return new DescriptorTag(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getObject(4, Integer.class));
        }
    }

    /** Which setting disagrees with the stored column type: the storage type (--vector-type) or the dimension. */
    private String mismatch(String existing) {
        return existing.startsWith(sql.table().vectorType().sqlName() + "(") ? "dimension" : "--vector-type";
    }

    /** The declared type of the table's vector column (e.g. {@code vector(512)}), or null when the table is missing. */
    public String vectorColumnType(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.vectorColumnType())) {
            statement.setString(1, sql.table().name());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
