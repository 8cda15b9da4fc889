package org.imagesearch.ingest;

import static java.util.stream.Collectors.toMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.imagesearch.config.Settings;
import org.imagesearch.store.VectorRecord;
import org.imagesearch.testing.CollectingSink;
import org.imagesearch.testing.LocalHttp;
import org.imagesearch.testing.MetricCounters;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestMessages;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ingest job as {@link IngestJob} wires it, on a MiniCluster at parallelism 2, fetching from an HTTP server on
 * 127.0.0.1 (allowed by --allow-networks) that is slow, fails twice before it answers, or never answers in time.
 * Collecting sinks stand in for PostgreSQL and Kafka; the real model embeds.
 */
class AsyncLoadIT {
    private static final int SLOW_IMAGES = 40;
    private static final long SLOW_MS = 200;
    private static final long FLAKY_ID = 100;
    private static final long SILENT_ID = 101;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(MetricCounters.reportingTo(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private HttpServer http;
    private final AtomicInteger slowInFlight = new AtomicInteger();
    private final AtomicInteger slowMostInFlight = new AtomicInteger();
    private final AtomicLong firstSlowRequestNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastSlowAnswerNanos = new AtomicLong();
    private final AtomicInteger flakyRequests = new AtomicInteger();
    private final AtomicInteger silentRequests = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        byte[] png = TestImages.cifar(1).get(0).bytes();
        http = LocalHttp.server();
        http.createContext("/slow/", exchange -> {
            firstSlowRequestNanos.accumulateAndGet(System.nanoTime(), Math::min);
            slowMostInFlight.accumulateAndGet(slowInFlight.incrementAndGet(), Math::max);
            sleep(SLOW_MS);
            slowInFlight.decrementAndGet();
            exchange.sendResponseHeaders(200, png.length);
            exchange.getResponseBody().write(png);
            exchange.close();
            lastSlowAnswerNanos.accumulateAndGet(System.nanoTime(), Math::max);
        });
        http.createContext("/flaky.png", exchange -> {
            boolean fails = flakyRequests.incrementAndGet() <= 2;
            exchange.sendResponseHeaders(fails ? 503 : 200, fails ? -1 : png.length);
            if (!fails) {
                exchange.getResponseBody().write(png);
            }
            exchange.close();
        });
        http.createContext("/silent.png", exchange -> {
            silentRequests.incrementAndGet();
            sleep(3_000); // past the read timeout: the client has given up by then
            exchange.close();
        });
        // one thread a request: the server itself must not be what limits how many loads run at once
        http.setExecutor(Executors.newCachedThreadPool());
        http.start();
    }

    @AfterEach
    void stopServer() {
        http.stop(0);
    }

    @Test
    void aSlowServerDoesNotStallTheJobAndFailuresAreRetriedOrDeadLettered() throws Exception {
        String web = "http://127.0.0.1:" + http.getAddress().getPort();
        List<byte[]> messages = new ArrayList<>();
        for (int id = 0; id < SLOW_IMAGES; id++) {
            messages.add(TestMessages.uri(id, web + "/slow/" + id + ".png"));
        }
        messages.add(TestMessages.uri(FLAKY_ID, web + "/flaky.png"));
        messages.add(TestMessages.uri(SILENT_ID, web + "/silent.png"));
        Settings settings = TestSettings.parse("--allow-networks", "127.0.0.1/32", "--parallelism", "2",
                "--http-read-timeout-ms", "1000", "--load-attempts", "3", "--load-backoff-ms", "50");
        CollectingSink<VectorRecord> rows = CollectingSink.create();
        CollectingSink<DeadLetter> deadLetters = CollectingSink.create();
        long retriesBefore = MetricCounters.sum("load_retries");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new IngestJob(settings, TestMessages.source(messages), rows, deadLetters).addTo(env);
        env.execute("async load");

        Set<Long> indexed = rows.received().stream().map(VectorRecord::id).collect(Collectors.toSet());
        Set<Long> expected = LongStream.range(0, SLOW_IMAGES).boxed().collect(Collectors.toSet());
        expected.add(FLAKY_ID);
        assertEquals(expected, indexed);

        // a task that waited for each load would have at most one request per subtask at the server, and
        // need 40 x 200 ms / 2 subtasks = 4 s for them
        long slowMillis = (lastSlowAnswerNanos.get() - firstSlowRequestNanos.get()) / 1_000_000;
        System.out.printf("slow server: %d requests at once at most, all answered within %d ms%n",
                slowMostInFlight.get(), slowMillis);
        assertTrue(slowMostInFlight.get() >= 8, slowMostInFlight.get() + " requests at once");
        assertTrue(slowMillis < SLOW_IMAGES * SLOW_MS / 2, slowMillis + " ms");

        assertEquals(3, flakyRequests.get(), "503 twice, then the image");
        assertEquals(3, silentRequests.get(), "every attempt timed out");
        Map<Long, DeadLetter> letters = deadLetters.received().stream().collect(toMap(DeadLetter::id, l -> l));
        assertEquals(Set.of(SILENT_ID), letters.keySet());
        DeadLetter silent = letters.get(SILENT_ID);
        assertEquals(Stage.LOAD.label(), silent.stage());
        assertTrue(silent.reason().startsWith("timed out fetching " + web + "/silent.png within 1000 ms"), silent.reason());
        assertTrue(silent.reason().endsWith("(3 attempts)"), silent.reason());
        assertEquals(4, MetricCounters.sum("load_retries") - retriesBefore, "two retries each of flaky and silent");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
