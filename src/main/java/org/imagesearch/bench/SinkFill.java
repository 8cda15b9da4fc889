package org.imagesearch.bench;

import java.io.PrintStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.imagesearch.config.Settings;
import org.imagesearch.flink.JobEnvironment;
import org.imagesearch.local.LocalFlink;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.VectorSinks;
import org.imagesearch.store.VectorTableSql;

/**
 * Phase 1 of {@code bench store}: ids 0..N-1 as synthetic rows through the ingest job's JDBC sink
 * ({@link VectorSinks#jdbcSink(Settings)}: batching, last-writer-wins upsert, HNSW index live), a Flink job on a
 * MiniCluster in this JVM at the configured parallelism. While it runs, progress from PostgreSQL's statistics;
 * afterwards the rate of each slice from the rows' own write times ({@link SliceRates}), so the job's start-up and
 * the polling do not blur them.
 */
final class SinkFill {
    private static final long PROGRESS_SECONDS = 10;

    private final Settings settings;
    private final SyntheticRecords records;
    private final PrintStream log;

    SinkFill(Settings settings, SyntheticRecords records, PrintStream log) {
        this.settings = settings;
        this.records = records;
        this.log = log;
    }

    record Result(int parallelism, double seconds, List<SliceRates.Slice> slices) {
        double rowsPerSecond() {
            long rows = slices.get(slices.size() - 1).toRows();
            return rows / seconds;
        }
    }

    Result run(long rows) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(LocalFlink.configuration(LocalFlink.LOOPBACK, "0"));
        JobEnvironment.configure(env, settings);
        int parallelism = LocalFlink.parallelism(settings.job());
        env.setParallelism(parallelism);
        env.fromSequence(0, rows - 1).name("synthetic-ids")
                .map(records).name("synthetic-vectors")
                .sinkTo(VectorSinks.jdbcSink(settings)).name("pgvector-upsert");
        VectorTableSql sql = new VectorTableSql(settings.database().table());
        try (Connection connection = PostgresConnections.open(settings.database())) {
            JobClient job = env.executeAsync("bench-store-fill");
            watch(job.getJobExecutionResult(), connection, sql, rows);
            List<Long> ends = SliceRates.boundaries(rows);
            Map<Long, Long> reached = writeTimes(connection, sql, ends);
            List<Long> endMillis = ends.stream().map(end -> reached.get(end - 1)).toList();
            long first = reached.get(0L);
            double seconds = Math.max(1, endMillis.get(endMillis.size() - 1) - first) / 1000.0;
            return new Result(parallelism, seconds, SliceRates.of(0, first, ends, endMillis));
        }
    }

    /** Waits for the job, printing the rows written every few seconds. */
    private void watch(CompletableFuture<?> done, Connection connection, VectorTableSql sql, long rows)
            throws Exception {
        long last = 0;
        while (true) {
            try {
                done.get(PROGRESS_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (TimeoutException stillRunning) {
                long now = insertedRows(connection, sql);
                log.printf("bench store: %,d of %,d rows written, %,.0f rows/s over the last %d s%n", now, rows,
                        (now - last) / (double) PROGRESS_SECONDS, PROGRESS_SECONDS);
                last = now;
            }
        }
    }

    private static long insertedRows(Connection connection, VectorTableSql sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.insertedRows())) {
            ps.setString(1, sql.table().name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The write time of the first row and of the last row of each slice, by rank in write order. */
    private static Map<Long, Long> writeTimes(Connection connection, VectorTableSql sql, List<Long> ends)
            throws SQLException {
        List<Long> ranks = new ArrayList<>(List.of(0L));
        ends.forEach(end -> ranks.add(end - 1));
        Map<Long, Long> times = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.writeTimesAtRanks())) {
            Array array = connection.createArrayOf("bigint", ranks.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    times.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        if (!times.keySet().containsAll(ranks)) {
            throw new IllegalStateException("the table holds fewer rows than the fill wrote: " + times.keySet());
        }
        return times;
    }
}
