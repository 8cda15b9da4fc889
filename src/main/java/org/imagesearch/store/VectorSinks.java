package org.imagesearch.store;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.datasource.connections.SimpleJdbcConnectionProvider;
import org.imagesearch.config.Settings;

/** Builds the batched, at-least-once JDBC sinks that write {@link VectorRecord}s. */
public final class VectorSinks {
    private VectorSinks() {}

    /**
     * At-least-once plus last-writer-wins changes ({@link VectorTableSql#upsertOrDelete()}): a replay after
     * a restart applies the same changes again, which changes nothing, so every id ends with its newest change.
     * Each writer makes the table ready before it writes ({@link TablePreparingConnections}) and counts what its
     * changes did ({@link ChangeCounters}).
     */
    public static Sink<VectorRecord> jdbcSink(Settings settings) {
        Settings.Database db = settings.database();
        return new VectorTableSink(new VectorTableChanges(new VectorTableSql(db.table()), db.duplicateDistance()),
                new TablePreparingConnections(connectionOptions(db), db, settings.model().tag()),
                settings.job().sinkBatchSize(), settings.job().sinkBatchInterval());
    }

    /**
     * flink-connector-jdbc's batched sink (the same batch size, interval and retries) for another table, which whoever
     * runs the job prepares: {@code sql} is one statement that upserts or deletes and returns nothing, so the changes of
     * an id keep their order inside a batch.
     */
    public static JdbcSink<VectorRecord> jdbcSink(Settings settings, String sql,
                                                  JdbcStatementBuilder<VectorRecord> statementBuilder) {
        return JdbcSink.<VectorRecord>builder()
                .withQueryStatement(sql, statementBuilder)
                .withExecutionOptions(JdbcExecutionOptions.builder()
                        .withBatchSize(settings.job().sinkBatchSize())
                        .withBatchIntervalMs(settings.job().sinkBatchInterval().toMillis())
                        .withMaxRetries(3)
                        .build())
                .buildAtLeastOnce(new SimpleJdbcConnectionProvider(connectionOptions(settings.database())));
    }

    private static JdbcConnectionOptions connectionOptions(Settings.Database db) {
        return new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(db.jdbcUrl())
                .withDriverName("org.postgresql.Driver")
                .withUsername(db.user())
                .withPassword(db.password())
                .build();
    }
}
