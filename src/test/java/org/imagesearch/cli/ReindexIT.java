package org.imagesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.embed.ImageEmbedder;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.kafka.ConsumerLag;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.query.FollowedTable;
import org.imagesearch.queryjob.QueryJob;
import org.imagesearch.serve.SearchServer;
import org.imagesearch.testing.Await;
import org.imagesearch.testing.IngestJobs;
import org.imagesearch.testing.MiniClusters;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.ReferenceVectors;
import org.imagesearch.testing.TableRows;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestModels;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TestSettings;
import org.imagesearch.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code reindex} end to end on real components: CIFAR images ingested by the real job into a table, replayed from
 * the real topic into a table of another descriptor by the command (its own MiniCluster, the real model), the
 * alias switched under a running search service, which answers from the new table without a restart, and rolled
 * back under it and a running query job.
 */
@ExtendWith(RealServices.class)
class ReindexIT {
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final long LATE_ID = 100;

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void replaysIntoANewTableThenSwitchesARunningServiceAndRollsBack(TestServices services) throws Exception {
        Settings settings = IngestJobs.settings(services, "reindex", 2);
        Settings.Database db = settings.database();
        String table = db.table().name();
        String newTable = table + "_max";
        Settings.Database newDb = db.withTable(db.table().withName(newTable));
        List<DatasetImage> images = TestImages.cifar(37);

        // the old table: 36 images by the running ingest job, one of them deleted again
        JobClient ingest = IngestJobs.start(settings);
        try (ImagePublisher publisher = IngestJobs.publisher(settings)) {
            for (int id = 0; id < 36; id++) {
                publisher.send(id, IngestMessageWriter.upsert(id, images.get(id)));
            }
            publisher.send(35, IngestMessageWriter.delete(35));
            publisher.flush();
            Await.until("35 rows", LIMIT, () -> TableRows.count(db) == 35 && !TableRows.read(db).containsKey(35L));
        } finally {
            ingest.cancel().get();
        }
        assertTrue(run(settings, "--rollback").err().contains("was never switched"));

        try (SearchServer service = SearchServer.start(settings, 1, 0)) {
            String base = "http://127.0.0.1:" + service.port();

            Run first = run(settings, "--to-table", newTable, "--descriptor", "max", "--eval-queries", "20");
            assertEquals(0, first.exit(), first.err());
            assertTrue(first.out().contains("Rows: " + table + " 35 (alias " + table + "), " + newTable + " 35"),
                    first.out());
            assertTrue(first.out().contains("P@20 over 20 ids"), first.out());
            JsonNode compared = JSON.readTree(first.out().lines().filter(l -> l.startsWith("{")).findFirst()
                    .orElseThrow());
            assertEquals(20, compared.get("queries").asInt());
            for (String scored : List.of(table, newTable)) {
                double p20 = compared.get(scored).get("precision_at_20").asDouble();
                assertTrue(p20 > 0 && p20 <= 1, scored + ": " + compared);
            }
            assertTrue(first.out().contains("Alias " + table + " still points to " + table), first.out());
            assertNewTableHoldsTheMaxPooledVectorsOf(TableRows.read(db), TableRows.read(newDb), images);
            // the replay's group stands at the topic's end: the ingest job into the new table has nothing left
            String group = settings.kafka().groupId() + "-" + newTable;
            assertEquals(0, ConsumerLag.of(settings.kafka().bootstrapServers(), group, settings.kafka().topic(),
                    Duration.ofSeconds(10)).stream().mapToLong(ConsumerLag.Partition::lag).sum());

            // an image published after the first replay reaches only the new table, with the replay before the switch
            try (ImagePublisher publisher = IngestJobs.publisher(settings)) {
                publisher.send(LATE_ID, IngestMessageWriter.upsert(LATE_ID, images.get(36)));
                publisher.flush();
            }
            assertEquals(404, get(base, "/api/search?id=" + LATE_ID).statusCode());
            Run switched = run(settings, "--to-table", newTable, "--descriptor", "max", "--switch");
            assertEquals(0, switched.exit(), switched.err());
            assertTrue(switched.out().contains("Rows: " + table + " 35 (alias " + table + "), " + newTable + " 36"),
                    switched.out());
            assertTrue(switched.out().contains("Alias " + table + " now points to " + newTable + " (before: " + table
                    + ")"), switched.out());

            Await.until("the service answering from " + newTable, Duration.ofSeconds(10),
                    () -> get(base, "/api/search?id=" + LATE_ID + "&k=5").statusCode() == 200);
            assertEquals(200, get(base, "/api/images/" + LATE_ID).statusCode());
            String stats = get(base, "/api/stats").body();
            assertTrue(stats.contains("\"table\":\"" + newTable + "\"") && stats.contains("\"alias\":\"" + table
                    + "\""), stats);
            // the service embeds uploads with gem: it refuses them against max vectors rather than answer wrongly
            HttpResponse<String> upload = postImage(base, images.get(3).bytes());
            assertEquals(400, upload.statusCode(), upload.body());
            assertTrue(upload.body().contains("holds vectors made with"), upload.body());

            // search reads the alias once, with the new table's descriptor: the late id is found only there
            Run search = command(settings, "search", "--id", Long.toString(LATE_ID), "-k", "3", "--descriptor", "max");
            assertEquals(0, search.exit(), search.err());

            // a query job started with the new table's descriptor, which must follow the rollback too
            Settings queries = queryJobSettings(services, settings, "--descriptor", "max");
            JobClient queryJob = QueryJob.fromSettings(queries).start(IngestJobs.environment());
            try (ImagePublisher requests = new ImagePublisher(queries.kafka().bootstrapServers(),
                    queries.queryTopics().requestsTopic());
                 TopicReader answers = new TopicReader(queries.kafka().bootstrapServers(),
                         queries.queryTopics().resultsTopic())) {
                assertEquals(3, ask(requests, answers, "before").get("results").size());

                Run back = run(settings, "--rollback");
                assertEquals(0, back.exit(), back.err());
                assertTrue(back.out().contains("Alias " + table + " now points to " + table + " (before: " + newTable
                        + ")"), back.out());
                Await.until("the service answering from " + table + " again", Duration.ofSeconds(10),
                        () -> get(base, "/api/search?id=" + LATE_ID).statusCode() == 404);
                HttpResponse<String> again = postImage(base, images.get(3).bytes());
                assertEquals(200, again.statusCode(), again.body());
                assertTrue(again.body().contains("\"id\":3,"), again.body());
                Thread.sleep(FollowedTable.RECHECK.toMillis());
                assertEquals("no image with id " + LATE_ID, ask(requests, answers, "after").get("error").asText());
            } finally {
                queryJob.cancel().get();
            }
        }
    }

    /** The query job's answer to a search by the late id, sent with {@code requestId}. */
    private static JsonNode ask(ImagePublisher requests, TopicReader answers, String requestId) throws Exception {
        requests.send(LATE_ID, ("{\"request_id\":\"" + requestId + "\",\"id\":" + LATE_ID + ",\"k\":3}")
                .getBytes(StandardCharsets.UTF_8));
        requests.flush();
        Await.until("the answer to " + requestId, LIMIT, () -> answers.poll().stream()
                .anyMatch(a -> requestId.equals(a.get("request_id").asText())));
        return answers.poll().stream().filter(a -> requestId.equals(a.get("request_id").asText())).findFirst()
                .orElseThrow();
    }

    /** {@code settings}' topics and table, with query topics of their own and {@code options}. */
    private static Settings queryJobSettings(TestServices services, Settings settings, String... options) {
        String unique = settings.kafka().topic();
        List<String> args = new ArrayList<>(List.of("--requests-topic", unique + "-requests", "--results-topic",
                unique + "-results"));
        args.addAll(List.of(options));
        services.kafka().createTopic(unique + "-requests", 1);
        services.kafka().createTopic(unique + "-results", 1);
        return TestSettings.parse(args.toArray(String[]::new)).withKafka(settings.kafka())
                .withDatabase(settings.database()).withJob(settings.job());
    }

    /** The same ids and classes, made with max pooling: each vector the real model's, computed here. */
    private static void assertNewTableHoldsTheMaxPooledVectorsOf(Map<Long, TableRows.Row> old,
                                                                 Map<Long, TableRows.Row> rows,
                                                                 List<DatasetImage> images) throws Exception {
        assertEquals(old.keySet(), rows.keySet());
        try (ImageEmbedder max = TestModels.embedder(TestSettings.parse("--descriptor", "max"))) {
            for (TableRows.Row row : rows.values()) {
                assertEquals(old.get(row.id()).label(), row.label());
                assertEquals(new DescriptorTag("squeezenet1_0-features", "max", 112, null), row.tag());
                ReferenceVectors.assertVectorEquals(max.embed(new ImageDecoder(Long.MAX_VALUE)
                        .decode(images.get((int) row.id()).bytes())), row.vector());
            }
        }
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(Settings settings, String... options) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", settings.kafka().bootstrapServers(),
                "--topic", settings.kafka().topic(), "--group-id", settings.kafka().groupId(),
                "--parallelism", "2"));
        args.addAll(List.of(options));
        return command(settings, "reindex", args.toArray(String[]::new));
    }

    private static Run command(Settings settings, String subcommand, String... options) {
        Settings.Database db = settings.database();
        List<String> args = new ArrayList<>(List.of(subcommand, "--jdbc-url", db.jdbcUrl(), "--db-user", db.user(),
                "--db-password", db.password(), "--table", db.table().name()));
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private HttpResponse<String> get(String base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postImage(String base, byte[] image) throws Exception {
        String body = "{\"image\":{\"bytes\":\"" + java.util.Base64.getEncoder().encodeToString(image) + "\"},\"k\":3}";
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
