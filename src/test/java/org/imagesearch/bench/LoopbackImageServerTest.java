package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoopbackImageServerTest {
    private static HttpResponse<byte[]> get(String uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesEachPositionAndNothingElse() throws Exception {
        try (LoopbackImageServer server = LoopbackImageServer.start(position -> {
            if (position == 2) {
                throw new IOException("unreadable");
            }
            return new byte[] {(byte) position, 42};
        }, 3, Duration.ZERO)) {
            HttpResponse<byte[]> first = get(server.uri(1));
            assertEquals(200, first.statusCode());
            assertArrayEquals(new byte[] {1, 42}, first.body());
            assertEquals(500, get(server.uri(2)).statusCode());
            assertEquals(404, get(server.uri(3)).statusCode());
            assertEquals(404, get(server.uri(0).replace("/images/0", "/other/0")).statusCode());
        }
    }

    @Test
    void aDelayedServerAnswersEachRequestLateButManyAtOnce() throws Exception {
        try (LoopbackImageServer server = LoopbackImageServer.start(position -> new byte[] {7}, 1,
                Duration.ofMillis(200))) {
            HttpClient client = HttpClient.newHttpClient();
            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<byte[]>>> answers = IntStream.range(0, 16)
                    .mapToObj(i -> client.sendAsync(HttpRequest.newBuilder(URI.create(server.uri(0))).build(),
                            HttpResponse.BodyHandlers.ofByteArray()))
                    .toList();
            for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
                assertArrayEquals(new byte[] {7}, answer.get(10, TimeUnit.SECONDS).body());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            // one at a time per server thread, 16 would take 800 ms
            assertTrue(millis >= 200 && millis < 700, millis + " ms");
        }
    }

    @Test
    void aPathNamesAPositionInRangeInDigitsOnly() {
        assertEquals(OptionalInt.of(0), LoopbackImageServer.position("/images/0", 5));
        assertEquals(OptionalInt.of(4), LoopbackImageServer.position("/images/4", 5));
        for (String path : new String[] {"/images/5", "/images/", "/images/-1", "/images/1x", "/images/99999999999",
                "/images/1/2", "/1"}) {
            assertEquals(OptionalInt.empty(), LoopbackImageServer.position(path, 5), path);
        }
    }
}
