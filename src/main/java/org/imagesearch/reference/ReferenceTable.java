package org.imagesearch.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.flink.api.connector.sink2.Sink;
import org.imagesearch.config.Settings;
import org.imagesearch.local.IngestTarget;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.VectorRecord;
import org.imagesearch.store.VectorSinks;

/**
 * {@code reference.image_search} as the ingest pipeline's target: created if missing with its HNSW
 * cast-expression index, emptied before every run (the walk-through is a reproducible demonstration, so
 * every row counted was written by this run), and written by the project's batched at-least-once JDBC sink.
 */
public final class ReferenceTable implements IngestTarget {
    private final Settings settings;
    private final ReferenceSql sql;

    /** {@code settings} as {@link ReferenceModel#applyTo} gives them; the table's dimension is theirs. */
    public ReferenceTable(Settings settings) {
        this.settings = settings;
        this.sql = new ReferenceSql(settings.database().table().dimension());
    }

    @Override
    public void prepare() throws SQLException {
        try (Connection c = PostgresConnections.open(settings.database());
             Statement statement = c.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            statement.execute(sql.createSchema());
            statement.execute(sql.createTable());
            statement.execute(sql.createIndex());
            checkIndex(c);
            statement.execute(sql.truncate());
        }
    }

    @Override
    public Sink<VectorRecord> sink() {
        return VectorSinks.jdbcSink(settings, sql.upsertOrDelete(), new ReferenceRecordStatementBuilder());
    }

    @Override
    public long rowsWritten() throws SQLException {
        try (Connection c = PostgresConnections.open(settings.database());
             PreparedStatement ps = c.prepareStatement(sql.countRows());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** An index left by a run with another dimension would not serve this run's query: refuse it. */
    private void checkIndex(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.indexDefinition())) {
            ps.setString(1, ReferenceSql.SCHEMA);
            ps.setString(2, ReferenceSql.INDEX);
            try (ResultSet rs = ps.executeQuery()) {
                String definition = rs.next() ? rs.getString(1) : "";
                if (!definition.contains(sql.indexedExpression())) {
                    throw new IllegalStateException("index " + ReferenceSql.SCHEMA + "." + ReferenceSql.INDEX
                            + " is not on " + sql.indexedExpression() + " (" + definition + "): drop schema "
                            + ReferenceSql.SCHEMA + " and run again");
                }
            }
        }
    }
}
