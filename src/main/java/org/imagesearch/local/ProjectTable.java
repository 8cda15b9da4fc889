package org.imagesearch.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.apache.flink.api.connector.sink2.Sink;
import org.imagesearch.config.Settings;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.VectorRecord;
import org.imagesearch.store.VectorSinks;
import org.imagesearch.store.VectorTableSchema;
import org.imagesearch.store.VectorTableSql;

/**
 * The project's own vector table (the configured {@code --table}) as the pipeline's target: rows written
 * are those whose {@code updated_at} is not older than the moment the table was prepared.
 */
final class ProjectTable implements IngestTarget {
    private final Settings settings;
    private final boolean truncate;
    private Timestamp preparedAt;

    ProjectTable(Settings settings, boolean truncate) {
        this.settings = settings;
        this.truncate = truncate;
    }

    @Override
    public void prepare() throws SQLException {
        try (Connection c = PostgresConnections.open(settings.database())) {
            new VectorTableSchema(new VectorTableSql(settings.database().table()))
                    .prepare(c, settings.model().tag(), truncate);
            try (PreparedStatement ps = c.prepareStatement("SELECT clock_timestamp()");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                preparedAt = rs.getTimestamp(1);
            }
        }
    }

    @Override
    public Sink<VectorRecord> sink() {
        return VectorSinks.jdbcSink(settings);
    }

    @Override
    public long rowsWritten() throws SQLException {
        Settings.Database db = settings.database();
        try (Connection c = PostgresConnections.open(db);
             PreparedStatement ps = c.prepareStatement(new VectorTableSql(db.table()).countUpdatedSince())) {
            ps.setTimestamp(1, preparedAt);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
