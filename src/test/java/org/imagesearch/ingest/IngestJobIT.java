package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.kafka.KafkaConnectors;
import org.imagesearch.kafka.KafkaMessage;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.testing.Await;
import org.imagesearch.testing.ImageServer;
import org.imagesearch.testing.IngestJobs;
import org.imagesearch.testing.MiniClusters;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.ReferenceVectors;
import org.imagesearch.testing.TableRows;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestMessages;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingestion job end to end on real components: an in-JVM Kafka broker, a Flink MiniCluster,
 * PostgreSQL with pgvector, the real SqueezeNet model and real CIFAR-10 images.
 */
@ExtendWith(RealServices.class)
class IngestJobIT {
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static ReferenceVectors reference;
    private final TestServices services;

    IngestJobIT(TestServices services) {
        this.services = services;
    }

    @BeforeAll
    static void loadReferenceModel() {
        reference = new ReferenceVectors();
    }

    @AfterAll
    static void closeReferenceModel() {
        reference.close();
    }

    @Test
    void indexesRealImagesThenUpdatesAndDeletesThem() throws Exception {
        Settings settings = settings("basic");
        List<DatasetImage> images = TestImages.cifar(24);
        JobClient job = IngestJob.fromSettings(settings).start(IngestJobs.environment());
        try (ImagePublisher publisher = IngestJobs.publisher(settings)) {
            for (int id = 0; id < images.size(); id++) {
                publisher.send(id, IngestMessageWriter.upsert(id, images.get(id)));
            }
            publisher.flush();
            Await.until("24 rows", LIMIT, () -> TableRows.count(settings.database()) == images.size());

            // (a) right ids, classes, metadata and vectors equal to the model's output outside Flink
            Map<Long, TableRows.Row> rows = TableRows.read(settings.database());
            for (int id = 0; id < images.size(); id++) {
                TableRows.Row row = rows.get((long) id);
                DatasetImage image = images.get(id);
                assertNotNull(row, "row " + id);
                assertEquals(image.label(), row.label());
                assertEquals(new DescriptorTag("squeezenet1_0-features", "gem-p3", 112, null), row.tag());
                assertTrue(row.metadata().contains("\"record\": " + image.metadata().get("record")), row.metadata());
                ReferenceVectors.assertVectorEquals(reference.of(image.bytes()), row.vector());
                // the thumbnail of a 32x32 image is the image itself, losslessly
                assertArrayEquals(new ImageDecoder(Long.MAX_VALUE).decode(image.bytes()).rgb(),
                        new ImageDecoder(Long.MAX_VALUE).decode(row.thumbnail()).rgb());
            }

            // (b) the same ids again: updated in place, not duplicated
            for (int id = 0; id < images.size(); id++) {
                DatasetImage relabelled = new DatasetImage("relabelled", images.get(id).bytes(), null, Map.of());
                publisher.send(id, IngestMessageWriter.upsert(id, relabelled));
            }
            publisher.flush();
            Await.until("relabelled rows", LIMIT, () -> TableRows.read(settings.database()).values().stream()
                    .allMatch(r -> r.label().equals("relabelled")));
            assertEquals(images.size(), TableRows.count(settings.database()));

            // (c) deletes, including one of an id that was never indexed
            for (int id = 0; id < 8; id++) {
                publisher.send(id, IngestMessageWriter.delete(id));
            }
            publisher.send(999, IngestMessageWriter.delete(999));
            publisher.flush();
            Await.until("16 rows left", LIMIT, () -> TableRows.count(settings.database()) == images.size() - 8);
            Map<Long, TableRows.Row> left = TableRows.read(settings.database());
            for (long id = 0; id < images.size(); id++) {
                assertEquals(id >= 8, left.containsKey(id), "row " + id);
            }
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void sendsEveryBadMessageToTheDeadLetterTopicAndIndexesTheGoodOnes(@TempDir Path root, @TempDir Path outside)
            throws Exception {
        List<DatasetImage> images = TestImages.cifar(4);
        Files.write(root.resolve("good.png"), images.get(1).bytes());
        Files.write(outside.resolve("secret.png"), images.get(2).bytes());
        HttpServer http = ImageServer.start(images.get(3).bytes());
        String base = ImageServer.base(http);
        Settings settings = settings("dlq", "--file-roots", root.toString(), "--allow-networks", "127.0.0.0/8",
                "--http-read-timeout-ms", "1000",
                "--max-image-bytes", "200000", "--max-pixels", "1000000");

        Map<Long, byte[]> good = new HashMap<>();
        good.put(1L, IngestMessageWriter.upsert(1, images.get(0)));
        good.put(2L, TestMessages.uri(2, root.resolve("good.png").toUri().toString()));
        good.put(3L, TestMessages.uri(3, base + "/good.png"));
        good.put(4L, IngestMessageWriter.upsert(4, new DatasetImage("gif", TestImages.encode(
                TestImages.decode(images.get(1).bytes()), "gif"), null, Map.of())));
        good.put(5L, IngestMessageWriter.upsert(5, new DatasetImage("bmp", TestImages.encode(
                TestImages.decode(images.get(2).bytes()), "bmp"), null, Map.of())));

        List<BadMessage> bad = List.of(
                new BadMessage("parse", "not valid JSON", "{not json".getBytes(StandardCharsets.UTF_8)),
                new BadMessage("parse", "missing \"id\"", "{\"uri\":\"file:///x.png\"}".getBytes(StandardCharsets.UTF_8)),
                new BadMessage("parse", "\"id\" must be", "{\"id\":\"abc\",\"uri\":\"file:///x.png\"}".getBytes(StandardCharsets.UTF_8)),
                new BadMessage("parse", "exactly one of", "{\"id\":10}".getBytes(StandardCharsets.UTF_8)),
                new BadMessage("parse", "not valid base64", "{\"id\":11,\"bytes\":\"@@@\"}".getBytes(StandardCharsets.UTF_8)),
                new BadMessage("parse", "not valid JSON", new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01}),
                new BadMessage("decode", "not a supported image format", TestMessages.inline(12, "this is not an image".getBytes(StandardCharsets.UTF_8))),
                new BadMessage("decode", "image data is damaged or truncated", TestMessages.inline(13, truncated(images.get(0).bytes()))),
                new BadMessage("decode", "more than the limit of 1000000", TestMessages.inline(14, TestImages.encode(
                        new BufferedImage(1200, 1000, BufferedImage.TYPE_INT_RGB), "png"))),
                new BadMessage("load", "more than the limit of 200000", TestMessages.inline(15, noisePng(300, 300))),
                new BadMessage("load", "outside the configured roots", TestMessages.uri(16, outside.resolve("secret.png").toUri().toString())),
                new BadMessage("load", "outside the configured roots", TestMessages.uri(17, root.toUri() + "../" + outside.getFileName() + "/secret.png")),
                new BadMessage("load", "file not found", TestMessages.uri(18, root.resolve("missing.png").toUri().toString())),
                new BadMessage("load", "HTTP 404", TestMessages.uri(19, base + "/missing.png")),
                new BadMessage("load", "timed out", TestMessages.uri(20, base + "/slow.png")),
                new BadMessage("load", "cannot fetch", TestMessages.uri(21, "http://127.0.0.1:1/unreachable.png")),
                new BadMessage("load", "unsupported URI scheme", TestMessages.uri(22, "ftp://example.org/a.png")),
                new BadMessage("load", "refused address 169.254.169.254", TestMessages.uri(23, base + "/to-metadata.png")),
                new BadMessage("load", "refused address 10.0.0.1",
                        TestMessages.uri(24, "http://user:hunter2@10.0.0.1/x.png?token=hunter2")),
                new BadMessage("load", "not a valid URI", TestMessages.uri(25, "http://user:hunter2@exa mple.com/a.png")));

        JobClient job = IngestJob.fromSettings(settings).start(IngestJobs.environment());
        try (ImagePublisher publisher = IngestJobs.publisher(settings);
             TopicReader deadLetters = new TopicReader(settings.kafka().bootstrapServers(), settings.kafka().deadLetterTopic())) {
            long key = 100;
            for (BadMessage message : bad) {
                publisher.send(key++, message.payload());
            }
            good.forEach(publisher::send);
            publisher.flush();

            Await.until("good rows", LIMIT, () -> TableRows.count(settings.database()) == good.size());
            Await.until("dead letters", LIMIT, () -> deadLetters.poll().size() >= bad.size());
            List<JsonNode> letters = deadLetters.poll();
            assertEquals(bad.size(), letters.size(), "one dead letter per bad message");
            // A large payload travels cut short, identified by its SHA-256 (see DeadLetterSerializer).
            Map<String, JsonNode> byPayload = letters.stream().collect(Collectors.toMap(
                    l -> l.has("payload_sha256") ? l.get("payload_sha256").asText()
                            : l.has("payload") ? l.get("payload").asText() : l.get("payload_base64").asText(), l -> l));
            for (BadMessage message : bad) {
                String payload = new String(message.payload(), StandardCharsets.UTF_8);
                String sha256 = java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(message.payload()));
                JsonNode letter = byPayload.containsKey(payload) ? byPayload.get(payload)
                        : byPayload.containsKey(sha256) ? byPayload.get(sha256)
                        : byPayload.get(Base64.getEncoder().encodeToString(message.payload()));
                assertNotNull(letter, "dead letter for " + payload);
                assertEquals(message.stage(), letter.get("stage").asText(), letter.toString());
                assertTrue(letter.get("reason").asText().contains(message.reason()), letter.toString());
                assertFalse(letter.get("reason").asText().contains("hunter2"), letter.toString());
                assertEquals(settings.kafka().topic(), letter.get("source_topic").asText());
            }
            assertTrue(TableRows.read(settings.database()).keySet().containsAll(good.keySet()));
        } finally {
            job.cancel().get();
            http.stop(0);
        }
    }

    @Test
    void deadLettersOfHugeMessagesFitInKafkaAndTheJobKeepsIndexing() throws Exception {
        Settings settings = settings("huge");
        byte[] binary = new byte[830 * 1024];
        new java.util.Random(3).nextBytes(binary);
        byte[] controlCharacters = new byte[200 * 1024];
        java.util.Arrays.fill(controlCharacters, (byte) 1);
        DatasetImage image = TestImages.cifar(1).get(0);
        JobClient job = IngestJob.fromSettings(settings).start(IngestJobs.environment());
        try (ImagePublisher publisher = IngestJobs.publisher(settings);
             TopicReader deadLetters = new TopicReader(settings.kafka().bootstrapServers(), settings.kafka().deadLetterTopic())) {
            publisher.send(1, binary);
            publisher.send(2, controlCharacters);
            publisher.send(3, IngestMessageWriter.upsert(3, image));
            publisher.flush();
            Await.until("the image after them", LIMIT, () -> TableRows.count(settings.database()) == 1);
            Await.until("two dead letters", LIMIT, () -> deadLetters.poll().size() >= 2);
            for (JsonNode letter : deadLetters.poll()) {
                assertEquals("parse", letter.get("stage").asText(), letter.toString().substring(0, 200));
                assertTrue(letter.get("payload_truncated").asBoolean());
                assertTrue(List.of(binary.length, controlCharacters.length).contains(letter.get("payload_bytes").asInt()));
            }
            assertFalse(job.getJobStatus().get().isGloballyTerminalState());
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void recoversFromAFailureWithoutLosingOrDuplicatingRows() throws Exception {
        Settings settings = settings("failover");
        List<DatasetImage> images = TestImages.cifar(60);
        StreamExecutionEnvironment env = IngestJobs.environment();
        IngestJob ingest = IngestJob.fromSettings(settings);
        FailOnce.trigger.set(false);
        FailOnce.failed.set(false);
        ingest.configure(env);
        ingest.attach(env.fromSource(KafkaConnectors.source(settings.kafka()), WatermarkStrategy.noWatermarks(), "kafka")
                .setParallelism(2)
                .map(new FailOnce()).setParallelism(2));
        JobClient job = env.executeAsync("failover");
        try (ImagePublisher publisher = IngestJobs.publisher(settings)) {
            for (int id = 0; id < images.size(); id++) {
                publisher.send(id, IngestMessageWriter.upsert(id, images.get(id)));
                if (id == 30) {
                    publisher.flush();
                    // let a checkpoint complete with part of the stream in it before the failure
                    Await.until("some rows", LIMIT, () -> TableRows.count(settings.database()) >= 10);
                    FailOnce.trigger.set(true);
                }
            }
            publisher.flush();
            Await.until("60 rows", LIMIT, () -> TableRows.count(settings.database()) == images.size());
            assertTrue(FailOnce.failed.get(), "the injected failure happened");
            Map<Long, TableRows.Row> rows = TableRows.read(settings.database());
            assertEquals(images.size(), rows.size());
            for (int id = 0; id < images.size(); id++) {
                assertEquals(images.get(id).label(), rows.get((long) id).label());
                ReferenceVectors.assertVectorEquals(reference.of(images.get(id).bytes()), rows.get((long) id).vector());
            }
        } finally {
            job.cancel().get();
        }
    }

    /** Throws once, on the first record after the test pulls the trigger; Flink then restarts the job. */
    static final class FailOnce implements MapFunction<KafkaMessage, KafkaMessage> {
        static final AtomicBoolean trigger = new AtomicBoolean();
        static final AtomicBoolean failed = new AtomicBoolean();

        @Override
        public KafkaMessage map(KafkaMessage message) {
            if (trigger.compareAndSet(true, false)) {
                failed.set(true);
                throw new IllegalStateException("injected failure at offset " + message.offset());
            }
            return message;
        }
    }

    private record BadMessage(String stage, String reason, byte[] payload) {}

    private Settings settings(String name, String... options) {
        return IngestJobs.settings(services, name, 2, options);
    }

    private static byte[] truncated(byte[] png) {
        return java.util.Arrays.copyOf(png, png.length / 2);
    }

    private static byte[] noisePng(int width, int height) throws java.io.IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return TestImages.encode(image, "png");
    }
}
