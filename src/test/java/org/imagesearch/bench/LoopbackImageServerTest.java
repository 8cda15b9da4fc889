package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalInt;
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
        }, 3)) {
            HttpResponse<byte[]> first = get(server.uri(1));
            assertEquals(200, first.statusCode());
            assertArrayEquals(new byte[] {1, 42}, first.body());
            assertEquals(500, get(server.uri(2)).statusCode());
            assertEquals(404, get(server.uri(3)).statusCode());
            assertEquals(404, get(server.uri(0).replace("/images/0", "/other/0")).statusCode());
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
