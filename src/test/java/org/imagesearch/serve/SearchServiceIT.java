package org.imagesearch.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.testing.IndexedImages;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP API of the search service over a real table of real images, through a real HTTP client. */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private List<DatasetImage> images;
    private Settings settings;
    private SearchServer service;
    private String base;

    @BeforeAll
    void start(TestServices services) throws Exception {
        images = TestImages.cifar(60);
        settings = TestSettings.parse("--max-upload-bytes", "100000")
                .withDatabase(services.database(TestServices.uniqueName("service")));
        IndexedImages.write(settings, images);
        service = SearchServer.start(settings, 1, 0);
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
    }

    @Test
    void anUploadedImageFindsItselfFirst() throws Exception {
        HttpResponse<String> response = postMultipart("/api/search", images.get(9).bytes(), "k", "5");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode results = JSON.readTree(response.body()).get("results");
        assertEquals(5, results.size());
        assertEquals(9, results.get(0).get("id").asLong());
        assertEquals(0.0, results.get(0).get("distance").asDouble(), 1e-3);
        assertEquals(images.get(9).label(), results.get(0).get("class").asText());
    }

    @Test
    void jsonQueriesByIdBytesAndVectorAgree() throws Exception {
        JsonNode byId = JSON.readTree(get("/api/search?id=3&k=4").body());
        String bytes = Base64.getEncoder().encodeToString(images.get(3).bytes());
        JsonNode byBytes = JSON.readTree(postJson("{\"image\":{\"bytes\":\"" + bytes + "\"},\"k\":5}").body());
        assertEquals(3, byBytes.get("results").get(0).get("id").asLong());
        for (int i = 0; i < 4; i++) {
            assertEquals(byBytes.get("results").get(i + 1).get("id"), byId.get("results").get(i).get("id"));
        }
        assertTrue(byId.get("took_ms").asDouble() >= 0);
    }

    @Test
    void expandedQueriesAreAnsweredLikeTheQueryJobAnswersThem() throws Exception {
        HttpResponse<String> response = get("/api/search?id=3&k=6&expansion=3");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode results = JSON.readTree(response.body()).get("results");
        assertEquals(6, results.size());
        results.forEach(r -> assertTrue(r.get("id").asLong() != 3));
    }

    @Test
    void idsTravelAsStringsTooSoPagesCanShowIdsBeyondTwoToThe53() throws Exception {
        JsonNode first = JSON.readTree(get("/api/search?id=3&k=1").body()).get("results").get(0);
        assertEquals(Long.toString(first.get("id").asLong()), first.get("id_str").asText());
    }

    @Test
    void aZeroVectorIsRefusedForCosineInsteadOfAnsweredWithNaNDistances() throws Exception {
        String zeros = "[" + "0,".repeat(511) + "0]";
        assertError(postJson("{\"vector\": " + zeros + "}"), 400, "zero vector");
    }

    @Test
    void classFilterAndKAreHonoured() throws Exception {
        String label = images.get(0).label();
        JsonNode answer = JSON.readTree(get("/api/search?id=0&k=3&class=" + label).body());
        assertEquals(3, answer.get("results").size());
        answer.get("results").forEach(r -> assertEquals(label, r.get("class").asText()));
    }

    @Test
    void badInputGetsAClearError() throws Exception {
        assertError(get("/api/search?id=0&k=0"), 400, "k must be in 1..100, got 0");
        assertError(get("/api/search?id=0&k=1000"), 400, "k must be in 1..100, got 1000");
        assertError(get("/api/search?id=abc"), 400, "id must be an integer, got 'abc'");
        assertError(get("/api/search"), 400, "give ?id=ID (or POST an image)");
        assertError(get("/api/search?id=424242"), 404, "no image with id 424242");
        assertError(postJson("{\"image\":{\"uri\":\"http://169.254.169.254/latest\"}}"), 400, "image URIs are not accepted");
        assertError(postJson("{\"id\": 1, \"vector\": [1]}"), 400, "give exactly one of");
        assertError(postJson("not json"), 400, "not valid JSON");
        assertError(postMultipart("/api/search", "plain text".getBytes(StandardCharsets.UTF_8)), 400,
                "query image: not a supported image format");
        assertError(postMultipart("/api/search", new byte[150_000]), 413, "larger than 100000 bytes");
        assertError(get("/api/images/424242"), 404, "no stored image with id 424242");
        assertError(get("/api/nothing"), 404, "no such endpoint");
    }

    @Test
    void storedThumbnailsAreServed() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/images/12")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("image/png", response.headers().firstValue("Content-Type").orElse(""));
        ImageDecoder decoder = new ImageDecoder(Long.MAX_VALUE);
        assertArrayEquals(decoder.decode(images.get(12).bytes()).rgb(), decoder.decode(response.body()).rgb());
    }

    @Test
    void healthStatsAndThePageAreUp() throws Exception {
        assertEquals("ok", JSON.readTree(get("/api/health").body()).get("status").asText());
        JsonNode stats = JSON.readTree(get("/api/stats").body());
        assertEquals(60, stats.get("rows").asLong());
        assertEquals("squeezenet1_0-features", stats.get("model").asText());
        assertEquals("gem-p3", stats.get("descriptor").asText());
        assertEquals(112, stats.get("input_size").asInt());
        assertTrue(stats.get("projection").isNull());
        assertEquals(16, stats.get("index").get("m").asInt());
        assertEquals(512, stats.get("dimension").asInt());
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Drop a picture here"));
    }

    @Test
    void requestsBeyondTheRateLimitAreRefused(TestServices services) throws Exception {
        Settings limited = TestSettings.parse("--requests-per-minute", "3")
                .withDatabase(settings.database());
        try (SearchServer small = SearchServer.start(limited, 1, 0)) {
            String url = "http://127.0.0.1:" + small.port() + "/api/health";
            int refused = 0;
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 429) {
                    refused++;
                    assertTrue(response.body().contains("too many requests"), response.body());
                }
            }
            assertEquals(3, refused);
        }
    }

    private void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        String error = JSON.readTree(response.body()).get("error").asText();
        assertTrue(error.contains(message), error);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postMultipart(String path, byte[] file, String... fields) throws Exception {
        String boundary = "----image-search-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                    + fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"q.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
