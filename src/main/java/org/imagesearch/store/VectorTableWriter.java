package org.imagesearch.store;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.datasource.connections.JdbcConnectionProvider;
import org.imagesearch.metrics.StageTimer;

/**
 * Buffers changes and writes them as one batch when {@code batchSize} are waiting, {@code batchInterval} after the
 * first of them came (never when the interval is 0), and whenever Flink flushes the writer: before each checkpoint
 * barrier and at the end of input, so a checkpoint covers only changes already committed (at least once). A failed
 * batch is retried on a valid connection up to {@value #MAX_RETRIES} times, as JdbcSink did, then fails the task.
 * Timers run in the task's thread, like {@code write}, so the buffer needs no lock.
 */
final class VectorTableWriter implements SinkWriter<VectorRecord> {
    private static final int MAX_RETRIES = 3;

    private final VectorTableChanges changes;
    private final JdbcConnectionProvider connections;
    private final int batchSize;
    private final long intervalMs;
    private final ProcessingTimeService time;
    private final ChangeCounters counters;
    private final StageTimer timer;
    /** Object reuse may hand the same instance again for the next record: keep copies then. */
    private final UnaryOperator<VectorRecord> keep;
    private final List<VectorRecord> batch = new ArrayList<>();

    /** Connects at once, so a table the job cannot use fails it when it opens, not at its first change. */
    VectorTableWriter(VectorTableChanges changes, JdbcConnectionProvider connections, int batchSize,
                      Duration batchInterval, WriterInitContext context) throws IOException {
        this.changes = changes;
        this.connections = connections;
        this.batchSize = batchSize;
        this.intervalMs = batchInterval.toMillis();
        this.time = context.getProcessingTimeService();
        this.counters = new ChangeCounters(context.metricGroup());
        this.timer = StageTimer.register(context.metricGroup(), "sink");
        if (context.isObjectReuseEnabled()) {
            TypeSerializer<VectorRecord> serializer = context.createInputSerializer();
            this.keep = serializer::copy;
        } else {
            this.keep = UnaryOperator.identity();
        }
        try {
            connections.getOrEstablishConnection();
        } catch (SQLException | ClassNotFoundException e) {
            throw new IOException("connecting to the database failed", e);
        }
    }

    @Override
    public void write(VectorRecord record, Context context) throws IOException, InterruptedException {
        batch.add(keep.apply(record));
        if (batch.size() >= batchSize) {
            flush(false);
        } else if (batch.size() == 1 && intervalMs > 0) {
            time.registerTimer(time.getCurrentProcessingTime() + intervalMs, at -> flush(false));
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                changes.apply(connections.getOrEstablishConnection(), batch, timer).forEach(counters::count);
                batch.clear();
                return;
            } catch (SQLException e) {
                if (attempt >= MAX_RETRIES) {
                    throw new IOException("writing " + batch.size() + " changes failed " + (attempt + 1) + " times", e);
                }
                Thread.sleep(1000L * (attempt + 1));
                reconnectIfBroken(e);
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        }
    }

    private void reconnectIfBroken(SQLException failure) throws IOException {
        try {
            if (!connections.isConnectionValid()) {
                connections.reestablishConnection();
            }
        } catch (SQLException | ClassNotFoundException e) {
            e.addSuppressed(failure);
            throw new IOException("reconnecting to the database failed", e);
        }
    }

    @Override
    public void close() {
        connections.closeConnection();
    }
}
