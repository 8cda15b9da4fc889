package org.imagesearch.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsDescription;
import org.imagesearch.json.Json;
import org.imagesearch.local.LocalFlink;
import org.imagesearch.local.LocalPipeline;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.report.MachineInfo;
import org.imagesearch.serve.AccessLog;
import org.imagesearch.serve.SearchServer;

/**
 * {@code bench soak}: ingests continuously at a steady rate for a while, with concurrent clients searching by
 * id among the rows written so far through the search service, then drains and checks that every message
 * became a row or a dead letter. Prints the ingest rate, the query latencies and the final count.
 */
public final class SoakBenchmark {
    private static final Duration STALL = Duration.ofMinutes(5);
    private static final int K = 20;

    private final Settings settings;
    private final BenchImages images;
    private final Duration duration;
    private final double ratePerSecond;
    private final int clients;

    public SoakBenchmark(Settings settings, BenchImages images, Duration duration, double ratePerSecond, int clients) {
        this.settings = settings.withLoader(images.loader(settings.loader()));
        this.images = images;
        this.duration = duration;
        this.ratePerSecond = ratePerSecond;
        this.clients = clients;
    }

    public ObjectNode run(LongConsumer progress) throws Exception {
        ObjectNode result = Json.object();
        // Its thousands of requests would each write an access line to stderr, the console bin/image-search logs to.
        Configurator.setLevel(AccessLog.LOGGER, Level.WARN);
        try (LocalPipeline pipeline = LocalPipeline.start(settings, true, LocalFlink.configuration(LocalFlink.LOOPBACK, "0"));
             ImagePublisher publisher = pipeline.publisher();
             // every client comes from 127.0.0.1: no per-address limit for this service
             SearchServer service = SearchServer.start(pipeline.settings().withService(
                     pipeline.settings().service().withRequestsPerMinute(Integer.MAX_VALUE)), 1, 0)) {
            AtomicLong rowsSoFar = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            SearchLoad searches = new SearchLoad("http://127.0.0.1:" + service.port(), rowsSoFar, stop);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(searches::loop));
            }
            long published;
            double seconds;
            long rowsAtStop;
            try {
                long start = System.nanoTime();
                published = publishSteadily(publisher, pipeline, rowsSoFar, start, progress);
                seconds = (System.nanoTime() - start) / 1e9;
                rowsAtStop = pipeline.rowsWritten();
                pipeline.awaitSettled(published, STALL, Instant.now().plus(STALL), progress);
            } finally {
                stop.set(true);
                pool.shutdown();
            }
            for (Future<?> f : running) {
                f.get();
            }
            long rows = pipeline.rowsWritten();
            long deadLetters = pipeline.deadLetters();
            Percentiles latency = searches.latencies();
            result.put("benchmark", "soak");
            result.put("minutes", Json.rounded(seconds / 60, 2));
            result.put("publish_rate_per_s", Json.rounded(ratePerSecond, 2));
            result.put("published", published);
            // rows written while publishing: below the publish rate when the pipeline cannot keep up
            result.put("ingest_images_per_s", Json.rounded(rowsAtStop / seconds, 2));
            result.put("rows_when_publishing_stopped", rowsAtStop);
            result.put("search_clients", clients);
            result.put("searches", searches.count());
            result.put("searches_per_s", Json.rounded(searches.count() / seconds, 2));
            result.put("search_p50_ms", Json.rounded(latency.at(50), 2));
            result.put("search_p99_ms", Json.rounded(latency.at(99), 2));
            result.put("search_failures", searches.failures());
            result.put("search_ids_not_yet_written", searches.notYetWritten());
            result.put("dead_letters", deadLetters);
            result.put("rows", rows);
            result.put("rows_equal_expected", rows + deadLetters == published);
        }
        result.setAll(SettingsDescription.of(settings.withJob(settings.job().withParallelism(
                LocalFlink.parallelism(settings.job())))));
        result.put("dataset", images.describe());
        result.set("machine", MachineInfo.describe());
        return result;
    }

    /** Publishes ids 0, 1, 2, ... (the data set's images in turn) at the rate until the duration is over. */
    private long publishSteadily(ImagePublisher publisher, LocalPipeline pipeline, AtomicLong rowsSoFar, long start,
                                 LongConsumer progress) throws Exception {
        long end = start + duration.toNanos();
        long nextCount = System.nanoTime();
        Pacer pacer = new Pacer(ratePerSecond);
        long id = 0;
        while (System.nanoTime() < end) {
            pacer.awaitTurn(id);
            publisher.send(id, IngestMessageWriter.upsert(id, images.message((int) (id % images.size()))));
            id++;
            if (System.nanoTime() >= nextCount) { // once a second: what the clients may search for
                publisher.flush();
                rowsSoFar.set(pipeline.rowsWritten());
                progress.accept(rowsSoFar.get());
                nextCount = System.nanoTime() + 1_000_000_000L;
            }
        }
        publisher.flush();
        return id;
    }

    /** Clients searching by id among the rows written so far, each waiting for its answer before the next. */
    private static final class SearchLoad {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String base;
        private final AtomicLong rowsSoFar;
        private final AtomicBoolean stop;
        private final List<Double> latencies = new ArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicInteger notYetWritten = new AtomicInteger();

        SearchLoad(String base, AtomicLong rowsSoFar, AtomicBoolean stop) {
            this.base = base;
            this.rowsSoFar = rowsSoFar;
            this.stop = stop;
        }

        Void loop() throws Exception {
            while (!stop.get()) {
                long rows = rowsSoFar.get();
                if (rows == 0) {
                    Thread.sleep(50);
                    continue;
                }
                // ids are sent in order, so most below the count are written; the others answer 404
                long id = ThreadLocalRandom.current().nextLong(rows);
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/search?k=" + K + "&id=" + id)).build();
                long t0 = System.nanoTime();
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                double ms = (System.nanoTime() - t0) / 1e6;
                synchronized (latencies) {
                    latencies.add(ms);
                }
                if (response.statusCode() == 404) {
                    notYetWritten.incrementAndGet();
                } else if (response.statusCode() != 200) {
                    failures.incrementAndGet();
                }
            }
            return null;
        }

        int count() {
            synchronized (latencies) {
                return latencies.size();
            }
        }

        int failures() {
            return failures.get();
        }

        int notYetWritten() {
            return notYetWritten.get();
        }

        Percentiles latencies() {
            synchronized (latencies) {
                return new Percentiles(latencies.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
    }
}
