package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.imagesearch.image.LoadRetries;
import org.imagesearch.image.LoaderLimits;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.testing.LocalHttp;
import org.imagesearch.testing.MeteredHarness;
import org.imagesearch.testing.TestMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LoadImage in Flink's async operator, ordered, as the job wires it, against files and a loopback HTTP server. */
class LoadImageTest {
    private static final long MAX_BYTES = 1_000;
    private static final byte[] IMAGE = {1, 2, 3, 4};

    @TempDir
    Path root;

    private HttpServer http;
    private final AtomicInteger flakyRequests = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        http = LocalHttp.server();
        LocalHttp.serveAfter(http, "/slow.png", 300, IMAGE);
        // 503 twice, then the image
        http.createContext("/flaky.png", exchange -> {
            boolean fails = flakyRequests.incrementAndGet() <= 2;
            exchange.sendResponseHeaders(fails ? 503 : 200, fails ? -1 : IMAGE.length);
            if (!fails) {
                exchange.getResponseBody().write(IMAGE);
            }
            exchange.close();
        });
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.start();
    }

    @AfterEach
    void stopServer() {
        http.stop(0);
    }

    private String web(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    @Test
    void inlineBytesPassWithinTheByteLimitOnly() throws Exception {
        List<LoadedImage> loaded = load(TestMessages.inline(1, IMAGE), TestMessages.inline(2, new byte[(int) MAX_BYTES + 1]));

        assertArrayEquals(IMAGE, loaded.get(0).bytes());
        assertNull(loaded.get(0).failure());
        assertTrue(loaded.get(1).failure().contains("more than the limit of " + MAX_BYTES), loaded.get(1).failure());
    }

    @Test
    void aFileIsReadInsideTheRootsOnly(@TempDir Path outside) throws Exception {
        Path inside = Files.write(root.resolve("good.png"), IMAGE);
        Path secret = Files.write(outside.resolve("secret.png"), IMAGE);

        List<LoadedImage> loaded = load(TestMessages.uri(1, inside.toUri().toString()),
                TestMessages.uri(2, secret.toUri().toString()));

        assertArrayEquals(IMAGE, loaded.get(0).bytes());
        assertTrue(loaded.get(1).failure().contains("outside the configured roots"), loaded.get(1).failure());
    }

    @Test
    void resultsLeaveInInputOrderSoAnIdsChangesKeepTheirs() throws Exception {
        List<LoadedImage> loaded = load(TestMessages.uri(5, web("/slow.png")), IngestMessageWriter.delete(5));

        assertEquals(IngestMessage.Operation.UPSERT, loaded.get(0).parsed().message().op());
        assertArrayEquals(IMAGE, loaded.get(0).bytes());
        assertEquals(IngestMessage.Operation.DELETE, loaded.get(1).parsed().message().op());
    }

    @Test
    void http503IsTriedAgainAndEachRetryCounted() throws Exception {
        try (MeteredHarness<ParsedMessage, LoadedImage> harness = harness()) {
            List<LoadedImage> loaded = run(harness, TestMessages.uri(1, web("/flaky.png")));

            assertArrayEquals(IMAGE, loaded.get(0).bytes());
            assertEquals(3, flakyRequests.get());
            assertEquals(2, harness.count("imagesearch.load_retries"));
        }
    }

    @Test
    void aFinalHttpErrorIsNotTriedAgain() throws Exception {
        try (MeteredHarness<ParsedMessage, LoadedImage> harness = harness()) {
            List<LoadedImage> loaded = run(harness, TestMessages.uri(1, web("/nothing-here.png")));

            assertTrue(loaded.get(0).failure().startsWith("HTTP 404 from "), loaded.get(0).failure());
            assertEquals(0, harness.count("imagesearch.load_retries"));
        }
    }

    @Test
    void aLoadPastItsDeadlineComesOutWithTheReasonInsteadOfFailingTheJob() throws Exception {
        LoaderLimits limits = limits();
        byte[] payload = TestMessages.uri(1, web("/slow.png"));
        ParsedMessage parsed = new ParsedMessage(TestMessages.raw(0, payload), new IngestMessageParser().parse(payload), 1);
        List<LoadedImage> results = new ArrayList<>();

        new LoadImage(limits).timeout(parsed, new ResultFuture<>() {
            @Override
            public void complete(Collection<LoadedImage> result) {
                results.addAll(result);
            }

            @Override
            public void completeExceptionally(Throwable error) {
                throw new AssertionError("the job would fail", error);
            }
        });

        assertEquals(1, results.size());
        assertEquals("no image within the load's deadline of " + LoadImage.deadline(limits).toMillis() + " ms",
                results.get(0).failure());
    }

    private List<LoadedImage> load(byte[]... payloads) throws Exception {
        try (MeteredHarness<ParsedMessage, LoadedImage> harness = harness()) {
            return run(harness, payloads);
        }
    }

    /** Each payload, parsed, through the operator; its results once every load has ended. */
    private static List<LoadedImage> run(MeteredHarness<ParsedMessage, LoadedImage> harness, byte[]... payloads)
            throws Exception {
        IngestMessageParser parser = new IngestMessageParser();
        synchronized (harness.harness().getCheckpointLock()) {
            for (int i = 0; i < payloads.length; i++) {
                harness.harness().processElement(new StreamRecord<>(
                        new ParsedMessage(TestMessages.raw(i, payloads[i]), parser.parse(payloads[i]), 1), 0));
            }
            harness.harness().endInput();
        }
        List<LoadedImage> loaded = harness.harness().extractOutputValues();
        assertEquals(payloads.length, loaded.size());
        return loaded;
    }

    private LoaderLimits limits() {
        return new LoaderLimits(List.of(root.toString()), List.of(), List.of("127.0.0.0/8"),
                Duration.ofSeconds(2), Duration.ofSeconds(2), MAX_BYTES, 1_000_000, 4,
                new LoadRetries(3, Duration.ofMillis(20)));
    }

    private MeteredHarness<ParsedMessage, LoadedImage> harness() throws Exception {
        LoaderLimits limits = limits();
        return MeteredHarness.open(new AsyncWaitOperatorFactory<>(new LoadImage(limits), LoadImage.deadline(limits).toMillis(),
                        limits.loadCapacity(), AsyncDataStream.OutputMode.ORDERED),
                TypeInformation.of(ParsedMessage.class).createSerializer(new SerializerConfigImpl()));
    }
}
