package org.imagesearch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the pgvector extension, the table and its HNSW index if they are missing, and refuses to run
 * against an existing table whose vector dimension differs from the configured one.
 */
public final class VectorTableSchema {
    private final VectorTableSql sql;

    public VectorTableSchema(VectorTableSql sql) {
        this.sql = sql;
    }

    public void ensure(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
        }
        String expected = "vector(" + sql.table().dimension() + ")";
        String existing = vectorColumnType(connection);
        if (existing != null && !existing.equals(expected)) {
            throw new IllegalStateException("table " + sql.table().name() + " stores " + existing
                    + " but the configured dimension needs " + expected + ": use another --table or re-create it");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.createTable());
            statement.execute(sql.addThumbnailColumn());
            statement.execute(sql.createIndex());
        }
    }

    private String vectorColumnType(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.vectorColumnType())) {
            statement.setString(1, sql.table().name());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
