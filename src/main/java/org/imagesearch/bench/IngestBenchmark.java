package org.imagesearch.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsDescription;
import org.imagesearch.json.Json;
import org.imagesearch.local.LocalFlink;
import org.imagesearch.local.LocalPipeline;
import org.imagesearch.local.NotSettledException;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.report.MachineInfo;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.VectorTableSql;

/**
 * {@code bench ingest}: end-to-end ingestion (Kafka -> rows committed in the HNSW-indexed table) against
 * the model-only rate measured in the same JVM. Phase 1 drains a backlog of N images for throughput;
 * phase 2 publishes at half that rate to measure per-image latency from publish to commit without queueing.
 * Then, if asked, the reference tutorial's Python loop runs on the same files. Waiting for messages to settle
 * ends at a deadline, with the ids that did not.
 */
public final class IngestBenchmark {
    private static final long WARM_UP_FIRST_ID = 10_000_000L;
    private static final long LATENCY_FIRST_ID = 20_000_000L;
    private static final Duration STALL = Duration.ofMinutes(5);

    private final Settings settings;
    private final BenchImages images;
    private final IngestBenchRun run;
    private final int count;
    private final int modelImages;
    private final int latencyImages;
    private final int warmUpImages;
    private final Duration timeout;

    public IngestBenchmark(Settings settings, BenchImages images, IngestBenchRun run) {
        this.settings = settings.withLoader(images.loader(settings.loader()));
        this.images = images;
        this.run = run;
        this.count = Math.min(run.images(), images.size());
        this.modelImages = Math.min(run.modelImages(), images.size());
        this.latencyImages = Math.min(run.latencyImages(), images.size());
        this.warmUpImages = Math.min(run.warmUpImages(), images.size());
        this.timeout = run.timeoutFor(warmUpImages + count + latencyImages);
    }

    public ObjectNode run(LongConsumer progress) throws Exception {
        int parallelism = LocalFlink.parallelism(settings.job());
        List<Path> pythonFiles = run.python() == null ? null : images.files(count); // fails before anything runs
        double modelOnly = ModelOnlyBenchmark.measure(settings.modelSpec(), parallelism, settings.embedBatchSize(),
                ModelOnlyBenchmark.decoded(images, settings, modelImages)).imagesPerSecond();
        ObjectNode result = Json.object();
        StageHistograms.reset();
        double rate;
        try (LocalPipeline pipeline = LocalPipeline.start(settings, true,
                StageHistograms.reportingTo(LocalFlink.configuration(LocalFlink.LOOPBACK, "0")));
             ImagePublisher publisher = pipeline.publisher()) {
            Instant deadline = Instant.now().plus(timeout);
            List<IdRange> sent = new ArrayList<>();
            // Warm-up: the job loads its models and the JVM compiles the hot path before the clock starts.
            IdRange warmUp = new IdRange(WARM_UP_FIRST_ID, warmUpImages);
            publish(publisher, warmUp, messages(warmUp), 0, new HashMap<>(), sent);
            await(pipeline, sent, deadline, settled -> { });

            // Messages are built before the clock starts: publishers are not part of the system measured.
            IdRange backlog = new IdRange(0, count);
            List<byte[]> backlogMessages = messages(backlog);
            CpuTime cpuBefore = CpuTime.now();
            long start = System.nanoTime();
            publish(publisher, backlog, backlogMessages, 0, new HashMap<>(), sent);
            await(pipeline, sent, deadline, settled -> progress.accept(settled - warmUpImages));
            double seconds = (System.nanoTime() - start) / 1e9;
            rate = count / seconds;
            CpuTime cpu = CpuTime.now().minus(cpuBefore);

            Map<Long, Long> sentAt = new HashMap<>();
            IdRange paced = new IdRange(LATENCY_FIRST_ID, latencyImages);
            publish(publisher, paced, messages(paced), rate / 2, sentAt, sent);
            await(pipeline, sent, deadline, settled -> { });
            Map<Long, Long> writtenAt = rowsWritten(paced);
            Percentiles latency = new Percentiles(writtenAt.entrySet().stream()
                    .mapToDouble(e -> e.getValue() - sentAt.get(e.getKey())).toArray());

            result.put("benchmark", "ingest");
            result.put("delivery", images.delivery().label());
            result.put("server_delay_ms", images.serverDelay().toMillis());
            result.put("load_capacity", settings.loader().loadCapacity());
            result.put("warm_up_images", warmUpImages);
            result.put("images", count);
            result.put("seconds", Json.rounded(seconds, 2));
            result.put("images_per_s", Json.rounded(rate, 2));
            result.put("model_only_images_per_s", Json.rounded(modelOnly, 2));
            result.put("end_to_end_vs_model_only", Json.rounded(rate / modelOnly, 2));
            result.put("latency_images", latencyImages);
            result.put("latency_publish_rate_per_s", Json.rounded(rate / 2, 2));
            result.put("p50_ms", Json.rounded(latency.at(50), 2));
            result.put("p99_ms", Json.rounded(latency.at(99), 2));
            result.put("dead_letters", pipeline.deadLetters());
            // CPU seconds per indexed image while draining the backlog: the JVM (Kafka, decoding,
            // inference) and the local PostgreSQL server (upserts into the HNSW index).
            result.put("jvm_cpu_ms_per_image", Json.rounded(cpu.jvmSeconds() * 1000 / count, 2));
            result.put("postgres_cpu_ms_per_image", Json.rounded(cpu.postgresSeconds() * 1000 / count, 2));
            // by stage, from the job's own histograms (the last samples of each subtask, the latency phase included)
            result.set("stage_cpu_ms_per_image", StageHistograms.cpuMillisPerImage());
            result.put("timeout_s", timeout.toSeconds());
        }
        if (pythonFiles != null) {
            // after the pipeline has stopped, so that the two never share the cores
            ObjectNode python = run.python().run(pythonFiles, settings.model(), run.timeoutFor(count));
            result.set("python_reference", python);
            result.put("end_to_end_vs_python", Json.rounded(rate / python.get("images_per_s").asDouble(), 2));
        }
        result.setAll(SettingsDescription.of(settings.withJob(settings.job().withParallelism(parallelism))));
        result.put("dataset", images.describe());
        result.set("machine", MachineInfo.describe());
        return result;
    }

    /** Ingest messages for data set positions 0..count-1 of the range, as its ids. */
    private List<byte[]> messages(IdRange ids) throws Exception {
        List<byte[]> messages = new ArrayList<>(ids.count());
        for (int i = 0; i < ids.count(); i++) {
            messages.add(IngestMessageWriter.upsert(ids.first() + i, images.message(i)));
        }
        return messages;
    }

    /** Sends the messages as the range's ids; paced at {@code perSecond} unless it is 0. */
    private static void publish(ImagePublisher publisher, IdRange ids, List<byte[]> messages, double perSecond,
                                Map<Long, Long> sentAt, List<IdRange> sent) throws Exception {
        sent.add(ids);
        Pacer pacer = new Pacer(perSecond);
        for (int i = 0; i < messages.size(); i++) {
            pacer.awaitTurn(i);
            long id = ids.first() + i;
            sentAt.put(id, System.currentTimeMillis());
            publisher.send(id, messages.get(i));
            if (pacer.paced()) {
                publisher.flush();
            }
        }
        publisher.flush();
    }

    /** Waits until every message sent has settled; when it gives up, the error names those that did not. */
    private void await(LocalPipeline pipeline, List<IdRange> sent, Instant deadline, LongConsumer progress)
            throws Exception {
        try {
            pipeline.awaitSettled(sent.stream().mapToLong(IdRange::count).sum(), STALL, deadline, progress);
        } catch (NotSettledException e) {
            Set<Long> written = new HashSet<>();
            for (IdRange ids : sent) {
                written.addAll(rowsWritten(ids).keySet());
            }
            throw new IllegalStateException("gave up waiting (timeout " + timeout.toSeconds() + " s): " + e.getMessage()
                    + "; " + UnsettledIds.describe(UnsettledIds.among(sent, written, pipeline.deadLetteredIds())), e);
        }
    }

    /** The rows of the range's ids in the table (emptied before the run): id -> when it was written, in ms. */
    private Map<Long, Long> rowsWritten(IdRange ids) throws Exception {
        Map<Long, Long> rows = new HashMap<>();
        VectorTableSql sql = new VectorTableSql(settings.database().table());
        try (Connection c = PostgresConnections.open(settings.database());
             PreparedStatement ps = c.prepareStatement(sql.updateTimesBetween())) {
            ps.setLong(1, ids.first());
            ps.setLong(2, ids.end());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return rows;
    }
}
