package org.imagesearch.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.imagesearch.config.DuplicateDistance;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.embed.DistanceMetric;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.ingest.Stage;
import org.imagesearch.query.BoundedQueryEmbedder;
import org.imagesearch.query.ImageSearch;
import org.imagesearch.query.InvalidQueryException;
import org.imagesearch.query.QueryImageEmbedder;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.VectorTableSql;
import org.imagesearch.testing.Backlog;
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
import org.postgresql.ds.PGSimpleDataSource;

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
        String name = TestServices.uniqueName("service");
        settings = TestSettings.parse("--max-upload-bytes", "100000")
                .withDatabase(services.database(name)).withKafka(services.topics(name, 2));
        IndexedImages.write(settings, images);
        Backlog.publish(settings.kafka(), 3, Stage.LOAD, Stage.DECODE);
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
    void anAnswerToASearchByIdSaysWhatTheQueryImageIsAndAnUploadsAnswerDoesNot() throws Exception {
        JsonNode query = JSON.readTree(get("/api/search?id=3&k=2").body()).get("query");
        assertEquals(3, query.get("id").asLong());
        assertEquals("3", query.get("id_str").asText());
        assertEquals(images.get(3).label(), query.get("class").asText());
        assertEquals("odd", query.get("metadata").get("parity").asText());
        JsonNode upload = JSON.readTree(postMultipart("/api/search", images.get(3).bytes(), "k", "2").body());
        assertTrue(upload.path("query").isMissingNode(), upload.toString());
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
    void nearDuplicateGroupsAreListedAndLookedUpById() throws Exception {
        try (Connection c = PostgresConnections.open(settings.database());
             PreparedStatement mark = c.prepareStatement(new VectorTableSql(settings.database().table()).setDuplicateOf())) {
            mark.setLong(1, 5);
            mark.setLong(2, 7);
            mark.executeUpdate();
        }

        JsonNode groups = JSON.readTree(get("/api/duplicates").body()).get("groups");
        JsonNode ofMember = JSON.readTree(get("/api/duplicates?id=7").body()).get("group");

        assertEquals("[{\"root\":5,\"size\":2,\"members\":[7],\"root_str\":\"5\",\"members_str\":[\"7\"]}]",
                groups.toString());
        assertEquals(groups.get(0), ofMember);
        assertEquals(ofMember, JSON.readTree(get("/api/duplicates?id=5").body()).get("group"), "the root's group");
        assertTrue(JSON.readTree(get("/api/duplicates?id=9").body()).get("group").isNull());
        assertEquals(400, get("/api/duplicates?min_group=1").statusCode());
        assertEquals(400, get("/api/duplicates?id=x").statusCode());
    }

    @Test
    void watchesAreRegisteredByIdOrImageAndListed() throws Exception {
        JsonNode byId = JSON.readTree(post("/api/watchlist", "{\"id\":5,\"distance\":0.1,\"note\":\"five\"}").body());
        String bytes = Base64.getEncoder().encodeToString(images.get(9).bytes());
        HttpResponse<String> byImage = post("/api/watchlist", "{\"bytes\":\"" + bytes + "\"}");

        assertEquals(201, byImage.statusCode(), byImage.body());
        assertEquals(0.1, byId.get("distance").asDouble());
        assertEquals("five", byId.get("note").asText());
        assertEquals(DuplicateDistance.defaultFor(DistanceMetric.COSINE), JSON.readTree(byImage.body()).get("distance")
                .asDouble(), "the near-duplicate default");
        JsonNode listed = JSON.readTree(get("/api/watchlist").body()).get("watches");
        assertTrue(listed.toString().contains("\"watch_id\":" + byId.get("watch_id").asLong() + ","), listed.toString());
        assertError(post("/api/watchlist", "{\"id\":999999}"), 404, "999999");
        assertError(post("/api/watchlist", "{\"id\":5,\"bytes\":\"AA==\"}"), 400, "exactly one of");
        assertError(post("/api/watchlist", "{\"id\":5,\"distance\":-1}"), 400, "distance");
        assertError(post("/api/watchlist", "{\"id\":5,\"k\":3}"), 400, "unknown field");
    }

    @Test
    void aWatchIsRemovedByItsIdAndOnlyFromThisServicesOwnPage() throws Exception {
        long watchId = JSON.readTree(post("/api/watchlist", "{\"id\":6,\"note\":\"six\"}").body()).get("watch_id").asLong();
        String path = "/api/watchlist/" + watchId;
        assertError(delete(path, Map.of("Origin", "http://evil.example")), 403, "cross-site");
        assertError(delete(path, Map.of("Sec-Fetch-Site", "cross-site")), 403, "cross-site");

        HttpResponse<String> removed = delete(path, Map.of("Origin", base, "Sec-Fetch-Site", "same-origin"));
        assertEquals(204, removed.statusCode(), removed.body());
        assertEquals("", removed.body());
        String listed = get("/api/watchlist").body();
        assertFalse(listed.contains("\"watch_id\":" + watchId + ","), listed);
        assertError(delete(path, Map.of()), 404, "no watch with id " + watchId);
        assertError(delete("/api/watchlist/six", Map.of()), 400, "watch_id must be an integer, got 'six'");
        assertError(delete("/api/watchlist", Map.of()), 404, "no such endpoint");
        assertEquals(DuplicateDistance.COSINE_DEFAULT,
                JSON.readTree(get("/api/stats").body()).get("watch_default_distance").asDouble(),
                "the page is told the distance a watch gets by default");
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
        assertTrue(stats.get("table_bytes").asLong() > 0, stats.toString());
        long recent = stats.get("rows_last_minute").asLong();
        assertTrue(recent >= 0 && recent <= 60, stats.toString());
        assertEquals(Math.round(recent / 60.0 * 100) / 100.0, stats.get("ingest_rate_per_s").asDouble());
        assertEquals(3, stats.get("lag").get("total").asLong(), "no job has read the backlog");
        assertEquals(2, stats.get("lag").get("partitions").size());
        assertEquals(recent == 0, stats.get("eta_s").isNull(), stats.toString());
        assertEquals("{\"decode\":1,\"load\":1}", stats.get("dead_letters").get("by_stage").toString());
        assertTrue(stats.get("kafka_error").isNull(), stats.toString());
        assertEquals(0, stats.get("sample_id").asLong(), "the smallest stored id");
        assertEquals("0", stats.get("sample_id_str").asText());
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Drop a picture here"));
    }

    @Test
    void metricsCountRequestsByRouteTemplateMethodAndStatus() throws Exception {
        String found = "{endpoint=\"/api/images/{id}\",method=\"GET\",status=\"200\"}";
        String foundIn10s = "{endpoint=\"/api/images/{id}\",method=\"GET\",status=\"200\",le=\"10.0\"}";
        String missing = "{endpoint=\"/api/images/{id}\",method=\"GET\",status=\"404\"}";
        String before = get("/metrics").body();
        for (String path : List.of("/api/images/12", "/api/images/13", "/api/images/424242")) {
            get(path);
        }
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String after = metrics.body();
        assertEquals(2, sample(after, "http_server_requests_seconds_count" + found)
                - sample(before, "http_server_requests_seconds_count" + found), after);
        assertEquals(2, sample(after, "http_server_requests_seconds_bucket" + foundIn10s)
                - sample(before, "http_server_requests_seconds_bucket" + foundIn10s), after);
        assertEquals(1, sample(after, "http_server_requests_seconds_count" + missing)
                - sample(before, "http_server_requests_seconds_count" + missing), after);
        assertTrue(sample(after, "http_server_requests_seconds_sum" + found) > 0, after);
        assertFalse(after.contains("/api/images/12"), "paths with ids make no series of their own");
        for (String jvm : List.of("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads", "process_cpu_usage")) {
            assertTrue(after.contains(jvm), jvm);
        }
    }

    /** The value of one series in Prometheus' text format; 0 for one not reported yet. */
    private static double sample(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1))).orElse(0.0);
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
                    int retryAfter = Integer.parseInt(response.headers().firstValue("Retry-After").orElse("-1"));
                    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
                }
            }
            assertEquals(3, refused);
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + small.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), "the metrics are not rate-limited");
            assertEquals(3, sample(metrics.body(),
                    "http_server_requests_seconds_count{endpoint=\"other\",method=\"GET\",status=\"429\"}"),
                    "refused before routing: no endpoint of their own");
        }
    }

    @Test
    void aQueryImageDeclaringMorePixelsThanTheQueryLimitIsRefusedBeforeDecoding() throws Exception {
        // 25 M pixels: above the query limit of 16 M, below ingestion's 40 M; a 1-bit blank compresses to a few kB.
        byte[] png = TestImages.encode(new BufferedImage(5000, 5000, BufferedImage.TYPE_BYTE_BINARY), "png");
        assertTrue(png.length < 100_000, png.length + " bytes");
        long started = System.nanoTime();
        assertError(postMultipart("/api/search", png), 400, "25000000 pixels, more than the limit of 16000000");
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "refused from the header, without decoding");
    }

    @Test
    void imageSearchesBeyondTheFreeModelsAreAnswered503WithRetryAfter() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        QueryImageEmbedder held = target -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new InvalidQueryException("released");
        };
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL(settings.database().jdbcUrl());
        database.setUser(settings.database().user());
        database.setPassword(settings.database().password());
        try (SearchService one = new SearchService(settings, database,
                     ImageSearch.of(settings, new BoundedQueryEmbedder(held, 1, Duration.ofMillis(100)))).start(0)) {
            String url = "http://127.0.0.1:" + one.port();
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return postMultipart(url, "/api/search", images.get(1).bytes(), Map.of());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            HttpResponse<String> busy = postMultipart(url, "/api/search", images.get(1).bytes(), Map.of());
            assertError(busy, 503, "busy");
            assertEquals("1", busy.headers().firstValue("Retry-After").orElse(""));
            release.countDown();
            assertError(first.get(10, TimeUnit.SECONDS), 400, "released");
        }
    }

    @Test
    void chunkedBodiesOverTheLimitAreRefusedWithoutBeingReadWhole() throws Exception {
        long total = 300L * 1024 * 1024;
        for (String contentType : List.of("application/json", "multipart/form-data; boundary=b")) {
            AtomicLong sent = new AtomicLong();
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search"))
                    .header("Content-Type", contentType).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless(total, sent))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(response, 413, "larger than 100000 bytes");
            assertTrue(sent.get() < total / 4, contentType + ": the server read " + sent.get() + " bytes");
            assertTrue(System.nanoTime() - started < 10_000_000_000L, contentType);
        }
        byte[] image = images.get(2).bytes();
        HttpResponse<String> small = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        ("{\"image\":{\"bytes\":\"" + Base64.getEncoder().encodeToString(image) + "\"},\"k\":1}")
                                .getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, small.statusCode(), "a chunked body under the limit is answered: " + small.body());
    }

    @Test
    void textPostgreSqlCannotTakeIsRefusedAs400() throws Exception {
        assertError(get("/api/search?id=0&class=a%00b"), 400, "NUL");
        assertError(postJson("{\"id\": 0, \"filter\": {\"class\": \"a\\u0000b\"}}"), 400, "NUL");
        assertError(postJson("{\"id\": 0, \"filter\": {\"metadata\": {\"k\": \"a\\u0000b\"}}}"), 400, "NUL");
        assertError(postJson("{\"id\": 0, \"filter\": {\"class\": \"\\ud800\"}}"), 400, "surrogate");
        assertError(get("/api/search?id=0&class=" + "x".repeat(2000)), 400, "longer than");
    }

    @Test
    void withoutKafkaTheStatsStillAnswerAndSayWhy() throws Exception {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL(settings.database().jdbcUrl());
        database.setUser(settings.database().user());
        database.setPassword(settings.database().password());
        Settings noKafka = settings.withKafka(settings.kafka().withBootstrapServers("127.0.0.1:1"));
        try (SearchService service = new SearchService(noKafka, database, ImageSearch.of(noKafka, QueryImageEmbedder.NONE)).start(0)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.port() + "/api/stats")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode stats = JSON.readTree(response.body());
            assertEquals(60, stats.get("rows").asLong());
            assertTrue(stats.get("lag").isNull());
            assertEquals("Kafka at 127.0.0.1:1 did not answer within 2 s", stats.get("kafka_error").asText());
        }
    }

    @Test
    void databaseErrorsAreAnsweredWithoutTheDriversText() throws Exception {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/secretdb");
        try (SearchService broken = new SearchService(settings, nowhere, ImageSearch.of(settings, QueryImageEmbedder.NONE)).start(0)) {
            for (String path : List.of("/api/search?id=1", "/api/health", "/api/stats")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + broken.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(503, response.statusCode(), path);
                assertEquals("database unavailable", JSON.readTree(response.body()).get("error").asText(), path);
            }
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/app.js", "/api/health", "/api/images/12", "/api/nothing", "/api/search?id=x")) {
            HttpHeaders headers = get(path).headers();
            assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("no-referrer", headers.firstValue("Referrer-Policy").orElse(""), path);
            assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(""), path);
            String policy = headers.firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.startsWith("default-src 'self'") && policy.contains("frame-ancestors 'none'"), path + ": " + policy);
        }
        HttpHeaders tooLarge = postMultipart("/api/search", new byte[150_000]).headers();
        assertEquals("nosniff", tooLarge.firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void onlyConfiguredHostNamesAreAnswered() throws Exception {
        assertTrue(rawGet("evil.example:" + service.port()).startsWith("HTTP/1.1 421"), "DNS rebinding");
        assertTrue(rawGet("evil.example").startsWith("HTTP/1.1 421"));
        assertTrue(rawGet("evil.example", service.port(), "/metrics").startsWith("HTTP/1.1 421"), "metrics too");
        for (String host : List.of("127.0.0.1", "localhost", "LOCALHOST", "[::1]")) {
            assertTrue(rawGet(host + ":" + service.port()).startsWith("HTTP/1.1 200"), host);
        }
        Settings named = TestSettings.parse("--allowed-hosts", "search.example,other.example")
                .withDatabase(settings.database());
        try (SearchServer other = SearchServer.start(named, 1, 0)) {
            assertTrue(rawGet("search.example", other.port()).startsWith("HTTP/1.1 200"));
            assertTrue(rawGet("localhost", other.port()).startsWith("HTTP/1.1 421"), "only the configured names");
        }
    }

    @Test
    void crossSiteSimpleRequestsCannotSearch() throws Exception {
        String json = "{\"id\": 1}";
        assertError(post("text/plain", json, Map.of()), 415, "application/json");
        assertError(post("application/x-www-form-urlencoded", json, Map.of()), 415, "application/json");
        byte[] image = images.get(4).bytes();
        assertError(postMultipart("/api/search", image, Map.of("Origin", "http://evil.example")), 403, "cross-site");
        assertError(postMultipart("/api/search", image, Map.of("Origin", "null")), 403, "cross-site");
        assertError(postMultipart("/api/search", image, Map.of("Sec-Fetch-Site", "cross-site")), 403, "cross-site");
        assertEquals(200, postMultipart("/api/search", image, Map.of("Origin", base, "Sec-Fetch-Site", "same-origin"))
                .statusCode());
        assertEquals(200, post("application/json; charset=utf-8", json, Map.of()).statusCode());
    }

    /** {@code total} bytes of '{', counting what the server took. */
    private static java.io.InputStream endless(long total, AtomicLong sent) {
        return new java.io.InputStream() {
            @Override
            public int read() {
                return sent.getAndIncrement() < total ? '{' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = (int) Math.min(len, total - sent.get());
                if (n <= 0) {
                    return -1;
                }
                java.util.Arrays.fill(b, off, off + n, (byte) '{');
                sent.addAndGet(n);
                return n;
            }
        };
    }

    private String rawGet(String host) throws Exception {
        return rawGet(host, service.port());
    }

    private static String rawGet(String host, int port) throws Exception {
        return rawGet(host, port, "/api/health");
    }

    /** The status line for GET {@code path} with this Host header (java.net.http does not let one set Host). */
    private static String rawGet(String host, int port, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    private HttpResponse<String> post(String contentType, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/search"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        String error = JSON.readTree(response.body()).get("error").asText();
        assertTrue(error.contains(message), error);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).DELETE();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postMultipart(String path, byte[] file, String... fields) throws Exception {
        return postMultipart(path, file, Map.of(), fields);
    }

    private HttpResponse<String> postMultipart(String path, byte[] file, Map<String, String> headers, String... fields)
            throws Exception {
        return postMultipart(base, path, file, headers, fields);
    }

    private HttpResponse<String> postMultipart(String server, String path, byte[] file, Map<String, String> headers,
                                               String... fields) throws Exception {
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
