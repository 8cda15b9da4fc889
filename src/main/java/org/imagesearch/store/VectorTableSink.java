package org.imagesearch.store;

import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.datasource.connections.JdbcConnectionProvider;

/**
 * The vector table's sink: batches of changes written at least once ({@link VectorTableWriter}), counted by what they
 * did to the table ({@link ChangeCounters}). It replaces flink-connector-jdbc's JdbcSink because that sink's
 * executeBatch cannot read what {@link VectorTableSql#upsertOrDelete()} returns.
 */
final class VectorTableSink implements Sink<VectorRecord> {
    private final VectorTableChanges changes;
    private final JdbcConnectionProvider connections;
    private final int batchSize;
    private final Duration batchInterval;

    VectorTableSink(VectorTableChanges changes, JdbcConnectionProvider connections, int batchSize,
                    Duration batchInterval) {
        this.changes = changes;
        this.connections = connections;
        this.batchSize = batchSize;
        this.batchInterval = batchInterval;
    }

    @Override
    public SinkWriter<VectorRecord> createWriter(WriterInitContext context) throws IOException {
        return new VectorTableWriter(changes, connections, batchSize, batchInterval, context);
    }
}
