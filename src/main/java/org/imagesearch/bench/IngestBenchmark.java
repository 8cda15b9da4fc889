package org.imagesearch.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsDescription;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.ImageRejectedException;
import org.imagesearch.image.RgbImage;
import org.imagesearch.json.Json;
import org.imagesearch.local.LocalFlink;
import org.imagesearch.local.LocalPipeline;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.report.MachineInfo;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.VectorTableSql;

/**
 * {@code bench ingest}: end-to-end ingestion (Kafka -> rows committed in the HNSW-indexed table) against
 * the model-only rate measured in the same JVM. Phase 1 drains a backlog of N images for throughput;
 * phase 2 publishes at half that rate to measure per-image latency from publish to commit without queueing.
 */
public final class IngestBenchmark {
    private static final int WARM_UP_IMAGES = 20;
    private static final long WARM_UP_FIRST_ID = 10_000_000L;
    private static final long LATENCY_FIRST_ID = 20_000_000L;

    private final Settings settings;
    private final Dataset dataset;
    private final int images;
    private final int modelImages;
    private final int latencyImages;

    public IngestBenchmark(Settings settings, Dataset dataset, int images, int modelImages, int latencyImages) {
        this.settings = settings;
        this.dataset = dataset;
        this.images = Math.min(images, dataset.size());
        this.modelImages = Math.min(modelImages, dataset.size());
        this.latencyImages = Math.min(latencyImages, dataset.size());
    }

    public ObjectNode run(LongConsumer progress) throws Exception {
        int parallelism = LocalFlink.parallelism(settings.job());
        double modelOnly = ModelOnlyBenchmark.imagesPerSecond(settings.modelSpec(), parallelism, decode(modelImages));
        ObjectNode result = Json.object();
        StageHistograms.reset();
        try (LocalPipeline pipeline = LocalPipeline.start(settings, true,
                StageHistograms.reportingTo(LocalFlink.configuration(LocalFlink.LOOPBACK, "0")));
             ImagePublisher publisher = pipeline.publisher()) {
            // Warm-up: the job loads its models and the JVM compiles the hot path before the clock starts.
            publish(publisher, WARM_UP_FIRST_ID, messages(WARM_UP_FIRST_ID, WARM_UP_IMAGES), 0, new HashMap<>());
            pipeline.awaitSettled(WARM_UP_IMAGES, Duration.ofMinutes(5), settled -> { });

            // Messages are built before the clock starts: publishers are not part of the system measured.
            List<byte[]> backlog = messages(0, images);
            CpuTime cpuBefore = CpuTime.now();
            long start = System.nanoTime();
            publish(publisher, 0, backlog, 0, new HashMap<>());
            long backlogTarget = WARM_UP_IMAGES + images;
            pipeline.awaitSettled(backlogTarget, Duration.ofMinutes(5), settled -> progress.accept(settled - WARM_UP_IMAGES));
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = images / seconds;
            CpuTime cpu = CpuTime.now().minus(cpuBefore);

            Map<Long, Long> sentAt = new HashMap<>();
            publish(publisher, LATENCY_FIRST_ID, messages(LATENCY_FIRST_ID, latencyImages), rate / 2, sentAt);
            pipeline.awaitSettled(backlogTarget + latencyImages, Duration.ofMinutes(5), settled -> { });
            Percentiles latency = new Percentiles(latenciesMillis(pipeline.settings(), sentAt));

            result.put("benchmark", "ingest");
            result.put("images", images);
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
            result.put("jvm_cpu_ms_per_image", Json.rounded(cpu.jvmSeconds() * 1000 / images, 2));
            result.put("postgres_cpu_ms_per_image", Json.rounded(cpu.postgresSeconds() * 1000 / images, 2));
            // by stage, from the job's own histograms (the last samples of each subtask, the latency phase included)
            result.set("stage_cpu_ms_per_image", StageHistograms.cpuMillisPerImage());
        }
        result.setAll(SettingsDescription.of(settings.withJob(settings.job().withParallelism(parallelism))));
        result.put("dataset", dataset.describe());
        result.set("machine", MachineInfo.describe());
        return result;
    }

    /** Ingest messages for data set positions 0..count-1 as ids firstId... */
    private List<byte[]> messages(long firstId, int count) throws Exception {
        List<byte[]> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(IngestMessageWriter.upsert(firstId + i, dataset.get(i)));
        }
        return messages;
    }

    /** Sends the messages as ids firstId..; paced at {@code perSecond} unless it is 0. */
    private static void publish(ImagePublisher publisher, long firstId, List<byte[]> messages, double perSecond,
                                Map<Long, Long> sentAt) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < messages.size(); i++) {
            if (perSecond > 0) {
                long due = start + (long) (i * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            long id = firstId + i;
            sentAt.put(id, System.currentTimeMillis());
            publisher.send(id, messages.get(i));
            if (perSecond > 0) {
                publisher.flush();
            }
        }
        publisher.flush();
    }

    private static double[] latenciesMillis(Settings settings, Map<Long, Long> sentAt) throws Exception {
        List<Double> latencies = new ArrayList<>();
        VectorTableSql sql = new VectorTableSql(settings.database().table());
        try (Connection c = PostgresConnections.open(settings.database());
             PreparedStatement ps = c.prepareStatement(sql.updateTimesBetween())) {
            ps.setLong(1, LATENCY_FIRST_ID);
            ps.setLong(2, LATENCY_FIRST_ID + sentAt.size());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    latencies.add((double) (rs.getLong(2) - sentAt.get(rs.getLong(1))));
                }
            }
        }
        return latencies.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private List<RgbImage> decode(int count) throws Exception {
        ImageDecoder decoder = new ImageDecoder(settings.loader().maxPixels(),
                settings.modelSpec().descriptor().preprocessor().decodeTarget());
        List<RgbImage> decoded = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = dataset.get(i).bytes();
            if (bytes == null) {
                throw new IllegalArgumentException("bench needs a data set with inline images (CIFAR or --inline)");
            }
            try {
                decoded.add(decoder.decode(bytes));
            } catch (ImageRejectedException e) {
                throw new IllegalArgumentException("image " + i + " of the data set does not decode: " + e.getMessage());
            }
        }
        return decoded;
    }
}
