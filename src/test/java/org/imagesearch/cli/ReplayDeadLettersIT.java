package org.imagesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.imagesearch.config.Settings;
import org.imagesearch.json.Json;
import org.imagesearch.kafka.ConsumerLag;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.testing.Await;
import org.imagesearch.testing.IngestJobs;
import org.imagesearch.testing.LocalHttp;
import org.imagesearch.testing.MiniClusters;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TableRows;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestMessages;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay-dead-letters} in-process against the real ingest job on a MiniCluster, the test run's Kafka broker
 * and PostgreSQL: a file that is missing when its message comes is dead-lettered at stage load, created, and
 * indexed by the replay; a dry run sends nothing, and replaying the same letter again, or after a newer delete,
 * changes nothing. {@code status} on the way sees the job's consumer group caught up and the dead letters by stage.
 * A signed URL's token never reaches the dead letter, and its replay sends the original read from the ingest topic.
 */
@ExtendWith(RealServices.class)
class ReplayDeadLettersIT {
    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final long ID = 7;
    private static final String TOKEN = "c2lnbmF0dXJlLXNlY3JldA";

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private record Run(int exit, String out, String err) {
        /** The --json line: the last line of the output. */
        JsonNode json() throws Exception {
            List<String> lines = out.lines().toList();
            return Json.MAPPER.readTree(lines.get(lines.size() - 1));
        }
    }

    @Test
    void aFileMissingAtIngestIsIndexedByAReplayOnceItExistsAndReplayingAgainChangesNothing(TestServices services,
            @TempDir Path root) throws Exception {
        Settings settings = IngestJobs.settings(services, "replay", 2, "--file-roots", root.toString());
        Settings.Kafka kafka = settings.kafka();
        Path late = root.resolve("late.png");
        JobClient job = IngestJobs.start(settings);
        try (TopicReader deadLetters = new TopicReader(kafka.bootstrapServers(), kafka.deadLetterTopic());
             ImagePublisher publisher = IngestJobs.publisher(settings)) {
            publisher.send(ID, TestMessages.uri(ID, late.toUri().toString()));
            publisher.send(8, TestMessages.json("not json"));
            publisher.flush();
            Await.until("two dead letters", LIMIT, () -> deadLetters.poll().size() == 2);
            JsonNode letter = deadLetters.poll().stream().filter(l -> l.get("stage").asText().equals("load")).findFirst().orElseThrow();
            assertTrue(letter.get("reason").asText().startsWith("file not found"), letter.toString());
            long version = Instant.parse(letter.get("source_timestamp").asText()).toEpochMilli();
            Files.write(late, TestImages.cifar(1).get(0).bytes());

            Run dry = replay(kafka, "--stage", "load", "--dry-run");
            assertCounts(dry, 2, 1, 0, true);
            assertTrue(dry.out().startsWith("would replay: id 7, load: file not found"), dry.out());
            assertEquals(2, endOffsets(kafka), "a dry run sends nothing");

            Run replayed = replay(kafka, "--stage", "load");
            assertCounts(replayed, 2, 1, 1, false);
            assertTrue(replayed.out().startsWith("replayed: id 7, load: file not found"), replayed.out());
            Await.until("the replayed image indexed", LIMIT, () -> TableRows.count(settings.database()) == 1);
            assertEquals(version, versionOf(settings), "the replay is the original change, at its version");

            assertCounts(replay(kafka, "--stage", "load"), 2, 1, 1, false);
            awaitConsumed(kafka, 4);
            assertEquals(1, TableRows.count(settings.database()));
            assertEquals(version, versionOf(settings));
            assertEquals(2, deadLetters.poll().size(), "the replays were not dead-lettered");
            JsonNode status = status(settings).json();
            assertEquals(0, status.get("lag").get("total").asLong(), status.toString());
            assertEquals(1, status.get("rows").asLong());
            assertEquals(1, status.get("rows_last_minute").asLong());
            assertEquals(0.0, status.get("eta_s").asDouble());
            assertEquals("{\"load\":1,\"parse\":1}", status.get("dead_letters").get("by_stage").toString());

            publisher.send(ID, IngestMessageWriter.delete(ID));
            publisher.flush();
            Await.until("the delete applied", LIMIT, () -> TableRows.count(settings.database()) == 0);
            assertCounts(replay(kafka, "--reason-contains", "FILE NOT FOUND", "--since", "1h"), 2, 1, 1, false);
            awaitConsumed(kafka, 6);
            assertEquals(0, TableRows.count(settings.database()), "an older change cannot undo the newer delete");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aSignedUrlsTokenStaysOutOfTheDeadLetterAndTheReplaySendsTheOriginalFromTheIngestTopic(TestServices services)
            throws Exception {
        Settings settings = IngestJobs.settings(services, "replay_signed", 1, "--allow-networks", "127.0.0.0/8");
        Settings.Kafka kafka = settings.kafka();
        AtomicReference<byte[]> image = new AtomicReference<>();
        HttpServer web = LocalHttp.server();
        web.createContext("/late.png", exchange -> {
            byte[] body = image.get();
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        web.start();
        String signed = "http://127.0.0.1:" + web.getAddress().getPort() + "/late.png?X-Amz-Signature=" + TOKEN;
        JobClient job = IngestJobs.start(settings);
        try (TopicReader deadLetters = new TopicReader(kafka.bootstrapServers(), kafka.deadLetterTopic());
             ImagePublisher publisher = IngestJobs.publisher(settings)) {
            publisher.send(ID, TestMessages.uri(ID, signed));
            publisher.flush();
            Await.until("a dead letter", LIMIT, () -> deadLetters.poll().size() == 1);
            JsonNode letter = deadLetters.poll().get(0);
            assertFalse(letter.toString().contains(TOKEN), letter.toString());
            assertTrue(letter.get("payload_redacted").asBoolean(), letter.toString());
            image.set(TestImages.cifar(1).get(0).bytes());

            Run replayed = replay(kafka);
            assertCounts(replayed, 1, 1, 1, false);
            assertFalse(replayed.out().contains(TOKEN), replayed.out());
            Await.until("the replayed image indexed", LIMIT, () -> TableRows.count(settings.database()) == 1);
            assertEquals(Instant.parse(letter.get("source_timestamp").asText()).toEpochMilli(), versionOf(settings));
        } finally {
            job.cancel().get();
            web.stop(0);
        }
    }

    @Test
    void aStageThatDoesNotExistIsOneLine() {
        Run run = run("replay-dead-letters", "--stage", "load,thumbnail", "--bootstrap-servers", "127.0.0.1:1");

        assertEquals(1, run.exit());
        assertEquals("image-search replay-dead-letters: no stage 'thumbnail': parse, load, decode or embed", run.err().strip());
    }

    private static Run replay(Settings.Kafka kafka, String... options) {
        List<String> args = new ArrayList<>(List.of("replay-dead-letters", "--json"));
        args.addAll(kafkaOptions(kafka));
        args.addAll(List.of(options));
        return succeeded(args);
    }

    private static Run status(Settings settings) {
        Settings.Database db = settings.database();
        List<String> args = new ArrayList<>(List.of("status", "--json", "--group-id", settings.kafka().groupId(),
                "--jdbc-url", db.jdbcUrl(), "--db-user", db.user(), "--db-password", db.password(),
                "--table", db.table().name()));
        args.addAll(kafkaOptions(settings.kafka()));
        return succeeded(args);
    }

    private static List<String> kafkaOptions(Settings.Kafka kafka) {
        return List.of("--bootstrap-servers", kafka.bootstrapServers(), "--topic", kafka.topic(),
                "--dead-letter-topic", kafka.deadLetterTopic());
    }

    private static Run succeeded(List<String> args) {
        Run run = run(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.err());
        return run;
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static void assertCounts(Run run, int scanned, int matched, int replayed, boolean dryRun) throws Exception {
        JsonNode counts = run.json();
        assertEquals(scanned, counts.get("scanned").asInt(), counts.toString());
        assertEquals(matched, counts.get("matched").asInt(), counts.toString());
        assertEquals(replayed, counts.get("replayed").asInt(), counts.toString());
        assertEquals(1, counts.get("replayable").asInt(), counts.toString());
        assertEquals(0, counts.get("skipped_unreplayable").asInt(), counts.toString());
        assertEquals(0, counts.get("skipped_duplicates").asInt(), counts.toString());
        assertEquals(dryRun, counts.get("dry_run").asBoolean(), counts.toString());
    }

    private static long endOffsets(Settings.Kafka kafka) {
        return lag(kafka).stream().mapToLong(ConsumerLag.Partition::end).sum();
    }

    private static List<ConsumerLag.Partition> lag(Settings.Kafka kafka) {
        return ConsumerLag.of(kafka.bootstrapServers(), kafka.groupId(), kafka.topic(), Duration.ofSeconds(10));
    }

    /**
     * Until the job has committed offsets past all {@code messages}: the source commits on a completed checkpoint,
     * after the JDBC sink has written everything before it.
     */
    private static void awaitConsumed(Settings.Kafka kafka, long messages) throws Exception {
        Await.until(messages + " messages consumed", LIMIT, () -> endOffsets(kafka) == messages
                && lag(kafka).stream().allMatch(p -> p.lag() == 0 && p.committed() != null || p.end() == 0));
    }

    private static long versionOf(Settings settings) throws Exception {
        try (Connection c = PostgresConnections.open(settings.database());
             PreparedStatement ps = c.prepareStatement("SELECT version FROM " + settings.database().table().name() + " WHERE id = ?")) {
            ps.setLong(1, ID);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }
}
