package org.imagesearch.queryjob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.testing.Await;
import org.imagesearch.testing.IndexedImages;
import org.imagesearch.testing.LocalHttp;
import org.imagesearch.testing.MiniClusters;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TestSettings;
import org.imagesearch.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The query job on a Flink MiniCluster answering requests from a real Kafka topic, errors included. */
@ExtendWith(RealServices.class)
class QueryJobIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @Test
    void answersEveryRequestOnTheResultsTopicIncludingErrorsForBadOnes(TestServices services) throws Exception {
        String unique = TestServices.uniqueName("queries");
        List<DatasetImage> images = TestImages.cifar(40);
        Settings settings = settings(services, unique, "--allow-hosts", "localhost");
        IndexedImages.write(settings, images);

        Map<String, String> requests = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            requests.put("by-id-" + i, "{\"request_id\":\"by-id-" + i + "\",\"id\":" + i + ",\"k\":5}");
        }
        String bytes = Base64.getEncoder().encodeToString(images.get(7).bytes());
        requests.put("by-image", "{\"request_id\":\"by-image\",\"image\":{\"bytes\":\"" + bytes + "\"},\"k\":3}");
        requests.put("filtered", "{\"request_id\":\"filtered\",\"id\":0,\"k\":4,\"filter\":{\"class\":\""
                + images.get(0).label() + "\"}}");
        HttpServer http = imageServer(images.get(7).bytes());
        int port = http.getAddress().getPort();
        requests.put("by-uri", imageUri("by-uri", "http://localhost:" + port + "/image.png"));
        Map<String, String> refused = Map.of(
                "loopback-uri", imageUri("loopback-uri", "http://127.0.0.1:" + port + "/image.png"),
                "redirected-uri", imageUri("redirected-uri", "http://localhost:" + port + "/to-loopback.png"),
                "metadata-uri", imageUri("metadata-uri", "http://user:secret@169.254.169.254/latest/?token=secret"));
        requests.putAll(refused);
        Map<String, String> bad = Map.of(
                "bad-k", "{\"request_id\":\"bad-k\",\"id\":1,\"k\":0}",
                "unknown-id", "{\"request_id\":\"unknown-id\",\"id\":424242}",
                "no-target", "{\"request_id\":\"no-target\",\"k\":3}",
                "bad-image", "{\"request_id\":\"bad-image\",\"image\":{\"bytes\":\"aGVsbG8=\"}}",
                "wrong-vector", "{\"request_id\":\"wrong-vector\",\"vector\":[1,2,3]}");
        requests.putAll(bad);

        JobClient job = QueryJob.fromSettings(settings).start(StreamExecutionEnvironment.getExecutionEnvironment());
        try (ImagePublisher publisher = new ImagePublisher(settings.kafka().bootstrapServers(),
                settings.queryTopics().requestsTopic());
             TopicReader results = new TopicReader(settings.kafka().bootstrapServers(), settings.queryTopics().resultsTopic())) {
            long key = 0;
            for (String request : requests.values()) {
                publisher.send(key++, request.getBytes(StandardCharsets.UTF_8));
            }
            publisher.send(key, "not json at all".getBytes(StandardCharsets.UTF_8));
            publisher.flush();

            Await.until("all answers", Duration.ofMinutes(3), () -> results.poll().size() >= requests.size() + 1);
            List<JsonNode> answers = new ArrayList<>(results.poll());
            assertEquals(requests.size() + 1, answers.size());
            Map<String, JsonNode> byId = new HashMap<>();
            for (JsonNode answer : answers) {
                byId.put(answer.get("request_id").isNull() ? "null" : answer.get("request_id").asText(), answer);
            }
            for (int i = 0; i < 10; i++) {
                JsonNode answer = byId.get("by-id-" + i);
                assertEquals(5, answer.get("results").size(), answer.toString());
                assertTrue(answer.get("took_ms").asDouble() >= 0);
            }
            JsonNode byImage = byId.get("by-image").get("results");
            assertEquals(7, byImage.get(0).get("id").asLong());
            assertEquals(0.0, byImage.get(0).get("distance").asDouble(), 1e-3);
            assertEquals(7, byImage.get(0).get("metadata").get("record").asInt());
            assertEquals(7, byId.get("by-uri").get("results").get(0).get("id").asLong(), byId.get("by-uri").toString());
            for (String name : refused.keySet()) {
                String error = byId.get(name).get("error").asText();
                assertTrue(error.contains("refused address"), name + ": " + error);
                assertFalse(error.contains("secret"), name + ": " + error);
            }
            byId.get("filtered").get("results").forEach(
                    r -> assertEquals(images.get(0).label(), r.get("class").asText()));
            for (String name : bad.keySet()) {
                assertNotNull(byId.get(name).get("error"), name + ": " + byId.get(name));
            }
            assertTrue(byId.get("bad-k").get("error").asText().contains("k must be in 1..100"));
            assertEquals("no image with id 424242", byId.get("unknown-id").get("error").asText());
            assertTrue(byId.get("null").get("error").asText().startsWith("not valid JSON"));
        } finally {
            job.cancel().get();
            http.stop(0);
        }
    }

    private static String imageUri(String requestId, String uri) {
        return "{\"request_id\":\"" + requestId + "\",\"image\":{\"uri\":\"" + uri + "\"},\"k\":3}";
    }

    private static HttpServer imageServer(byte[] png) throws IOException {
        HttpServer server = LocalHttp.server();
        LocalHttp.serve(server, "/image.png", png);
        LocalHttp.redirect(server, "/to-loopback.png", "http://127.0.0.1:" + server.getAddress().getPort() + "/image.png");
        server.start();
        return server;
    }

    /**
     * Rows stored before ingestion bounded metadata: three of ~400 KB, one nested 999 levels. An answer holding
     * all of them is over the results topic's record limit; it must become an error answer, not a failed write
     * that restarts the job over and over, and the requests after it must still be answered.
     */
    @Test
    void anAnswerTooLargeForTheResultsTopicBecomesAnErrorAndLaterRequestsAreAnswered(TestServices services)
            throws Exception {
        String unique = TestServices.uniqueName("big_answers");
        Settings settings = settings(services, unique);
        String blob = "x".repeat(400 * 1024);
        String deep = "{\"a\":".repeat(998) + "{}" + "}".repeat(998);
        IndexedImages.write(settings, TestImages.cifar(8), i -> i < 3 ? "{\"big\": true, \"blob\": \"" + blob + "\"}"
                : i == 3 ? deep : "{\"small\": true}");

        JobClient job = QueryJob.fromSettings(settings).start(StreamExecutionEnvironment.getExecutionEnvironment());
        try (ImagePublisher publisher = new ImagePublisher(settings.kafka().bootstrapServers(),
                settings.queryTopics().requestsTopic());
             TopicReader results = new TopicReader(settings.kafka().bootstrapServers(), settings.queryTopics().resultsTopic())) {
            publisher.send(1, "{\"request_id\":\"all\",\"id\":7,\"k\":20}".getBytes(StandardCharsets.UTF_8));
            publisher.send(2, "{\"request_id\":\"one-big\",\"id\":7,\"k\":1,\"filter\":{\"metadata\":{\"big\":true}}}"
                    .getBytes(StandardCharsets.UTF_8));
            publisher.send(3, "{\"request_id\":\"deep\",\"id\":7,\"filter\":{\"metadata\":{\"a\":{}}}}"
                    .getBytes(StandardCharsets.UTF_8));
            publisher.send(4, "{\"request_id\":\"after\",\"id\":7,\"k\":5,\"filter\":{\"metadata\":{\"small\":true}}}"
                    .getBytes(StandardCharsets.UTF_8));
            publisher.flush();

            Await.until("four answers", Duration.ofSeconds(90), () -> results.poll().size() >= 4);
            Map<String, JsonNode> byId = new HashMap<>();
            results.poll().forEach(answer -> byId.put(answer.get("request_id").asText(), answer));
            assertTrue(byId.get("all").get("error").asText().matches(
                    "the answer is [0-9]+ bytes, more than the limit of " + QueryJob.MAX_ANSWER_BYTES + ".*"),
                    byId.get("all").path("error").asText());
            JsonNode oneBig = byId.get("one-big").get("results");
            assertEquals(1, oneBig.size());
            assertEquals(blob.length(), oneBig.get(0).get("metadata").get("blob").asText().length());
            JsonNode deepRow = byId.get("deep").get("results").get(0);
            assertEquals(3, deepRow.get("id").asLong());
            assertTrue(deepRow.get("metadata_error").asText().startsWith("stored metadata cannot be read"), deepRow.toString());
            assertEquals(3, byId.get("after").get("results").size(), byId.get("after").toString());
            assertFalse(job.getJobStatus().get().isGloballyTerminalState());
        } finally {
            job.cancel().get();
        }
    }

    /**
     * Submitted as a cluster submission without {@code --check-on-submit} leaves it (the client checks nothing), the
     * job's tasks refuse a table of vectors made another way when they open: their answers would look valid and not be.
     */
    @Test
    void aTableOfAnotherDescriptorFailsTheJobWhenItOpens(TestServices services) throws Exception {
        String unique = TestServices.uniqueName("other_descriptor");
        IndexedImages.write(settings(services, unique), TestImages.cifar(2));
        Settings max = settings(services, unique, "--descriptor", "max");
        Configuration withoutRestarts = new Configuration();
        withoutRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");

        JobClient job = QueryJob.fromSettings(max).start(StreamExecutionEnvironment.getExecutionEnvironment(withoutRestarts));
        ExecutionException e = assertThrows(ExecutionException.class, () -> job.getJobExecutionResult().get());

        String failure = ExceptionUtils.stringifyException(e);
        assertTrue(failure.contains("table " + unique + " holds vectors made with squeezenet1_0-features/gem-p3@112 "
                + "but the configured descriptor is squeezenet1_0-features/max@112"), failure);
    }

    /** Settings for topics and a table of {@code unique}'s own, the topics created. */
    private static Settings settings(TestServices services, String unique, String... options) {
        List<String> args = new ArrayList<>(List.of("--requests-topic", unique + "-requests", "--results-topic",
                unique + "-results"));
        args.addAll(List.of(options));
        Settings base = TestSettings.parse(args.toArray(String[]::new));
        Settings settings = base
                .withKafka(new Settings.Kafka(services.kafka().bootstrapServers(), unique, unique + "-dlq", unique + "-alerts", unique,
                        Settings.StartOffsets.EARLIEST))
                .withDatabase(services.database(unique))
                .withJob(new Settings.Job(2, Duration.ofMillis(500), 10, Duration.ofMillis(100)));
        services.kafka().createTopic(settings.queryTopics().requestsTopic(), 2);
        services.kafka().createTopic(settings.queryTopics().resultsTopic(), 1);
        return settings;
    }
}
