package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.local.EmbeddedKafka;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.store.SettingsResolver;
import org.imagesearch.testing.Await;
import org.imagesearch.testing.BrokerMain;
import org.imagesearch.testing.ChildJvm;
import org.imagesearch.testing.IngestProcess;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.ReferenceVectors;
import org.imagesearch.testing.TableRows;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TestSettings;
import org.imagesearch.testing.WriteLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest command as a process of its own, its services failing under it while upserts, updates and deletes
 * stream in: the process killed (SIGKILL) and started again, PostgreSQL stopped for 30 s, the Kafka broker
 * killed and restarted, and a planned stop with a savepoint (SIGTERM). Each ends with exactly the rows a
 * fault-free run leaves, every vector equal to the model's own output, and prints one line of figures.
 */
@ExtendWith(RealServices.class)
class IngestProcessFaultsIT {
    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final Pattern RESUMING = Pattern.compile("resuming from (\\S+)");
    private static final Pattern SAVEPOINT = Pattern.compile("stopped with savepoint (\\S+)");
    private static final int IMAGES = 120;
    /** Messages per second about a third of what the job can do: the job keeps up, so a fault hits mid-stream. */
    private static final long PACE_MS = 30;
    /** Rows written before the fault: the stream has about two thirds still to come. */
    private static final long WRITES_BEFORE_FAULT = 60;

    private static List<DatasetImage> images;
    private static List<float[]> vectors;

    private final TestServices services;
    @TempDir
    Path dir;

    IngestProcessFaultsIT(TestServices services) {
        this.services = services;
    }

    @BeforeAll
    static void computeFaultFreeVectors() throws Exception {
        images = TestImages.cifar(IMAGES);
        vectors = new ArrayList<>();
        try (ReferenceVectors reference = new ReferenceVectors()) {
            for (DatasetImage image : images) {
                vectors.add(reference.of(image.bytes()));
            }
        }
    }

    @Test
    void resumesFromTheLatestCheckpointAfterTheProcessIsKilled() throws Exception {
        try (Run run = new Run("kill", services.kafka().bootstrapServers())) {
            ChildJvm first = run.ingestUntilMidStream(2);
            Instant killed = Instant.now();
            first.kill();
            ChildJvm second = run.ingest(2);
            assertTrue(second.awaitLine(RESUMING, LIMIT).contains("/chk-"), "resumed from a retained checkpoint");
            run.awaitExpectedRows(second);
            run.report("ingest SIGKILLed and restarted", killed);
        }
    }

    @Test
    void ridesOutPostgresStoppedForThirtySeconds() throws Exception {
        try (Run run = new Run("pgdown", services.kafka().bootstrapServers())) {
            ChildJvm job = run.ingestUntilMidStream(2);
            try {
                services.postgres().stopServer();
                Thread.sleep(30_000);
            } finally {
                services.postgres().restart();
            }
            Instant back = Instant.now();
            run.awaitExpectedRows(job);
            assertTrue(job.isAlive(), "the same process rode the outage out");
            run.report("PostgreSQL stopped for 30 s", back);
        }
    }

    @Test
    void resumesAfterTheBrokerIsKilledAndRestarted() throws Exception {
        Path logs = dir.resolve("kafka-logs");
        int port = EmbeddedKafka.freePort();
        int controllerPort = EmbeddedKafka.freePort();
        ChildJvm broker = broker(logs, port, controllerPort, 1);
        try (Run run = new Run("broker", "127.0.0.1:" + port)) {
            ChildJvm job = run.ingestUntilMidStream(2);
            broker.kill();
            Thread.sleep(5_000);
            broker = broker(logs, port, controllerPort, 2);
            Instant back = Instant.now();
            run.awaitExpectedRows(job);
            run.report("Kafka broker SIGKILLed, restarted after 5 s", back);
        } finally {
            broker.close();
        }
    }

    @Test
    void stopsWithASavepointOnSigtermAndResumesFromItWithoutReprocessing() throws Exception {
        try (Run run = new Run("savepoint", services.kafka().bootstrapServers())) {
            String savepoints = dir.resolve("savepoints").toUri().toString();
            ChildJvm first = run.ingestUntilMidStream(2, "--savepoint-dir", savepoints);
            first.terminate(LIMIT);
            Instant stopped = Instant.now();
            String savepoint = first.awaitLine(SAVEPOINT, Duration.ZERO);
            ChildJvm second = run.ingest(1, "--from-savepoint", savepoint);
            assertEquals(savepoint, second.awaitLine(RESUMING, LIMIT));
            run.awaitExpectedRows(second);
            assertEquals(0, run.reprocessed(), "messages written twice");
            run.report("SIGTERM, stop with savepoint, resumed at parallelism 1", stopped);
        }
    }

    private ChildJvm broker(Path logs, int port, int controllerPort, int start) throws Exception {
        ChildJvm broker = ChildJvm.start(dir.resolve("broker-" + start + ".log"), BrokerMain.class.getName(),
                List.of(logs.toString(), Integer.toString(port), Integer.toString(controllerPort)));
        broker.awaitLine(Pattern.compile(BrokerMain.READY), LIMIT);
        return broker;
    }

    /** One message of the stream: an upsert, an update or a delete of {@code id}. */
    private record Message(long id, byte[] payload) {}

    /** What a row must hold at the end: its class and the position of its image. */
    private record Expected(String label, int image) {}

    /** A test's topics, table, write log and ingest processes, and the stream it publishes. */
    private final class Run implements AutoCloseable {
        private final String name;
        private final Settings settings;
        private final WriteLog writes;
        private final List<Message> messages = new ArrayList<>();
        private final Map<Long, Expected> expected = new HashMap<>();
        private final List<ChildJvm> processes = new ArrayList<>();
        private final long started = System.nanoTime();
        private long upserts;
        private CompletableFuture<Void> publishing = CompletableFuture.completedFuture(null);

        Run(String name, String bootstrapServers) throws Exception {
            this.name = name;
            String unique = TestServices.uniqueName(name);
            Settings configured = TestSettings.parse()
                    .withKafka(new Settings.Kafka(bootstrapServers, unique + "-in", unique + "-dlq", unique,
                            Settings.StartOffsets.COMMITTED))
                    .withDatabase(services.database(unique));
            EmbeddedKafka.createTopic(bootstrapServers, configured.kafka().topic(), 2);
            EmbeddedKafka.createTopic(bootstrapServers, configured.kafka().deadLetterTopic(), 1);
            // The table exists before the job starts, so the write log can watch it from the first row.
            settings = SettingsResolver.resolveForWriting(configured, ProjectionChoice.NONE, false);
            writes = WriteLog.install(settings.database());
            script();
        }

        /**
         * Every image upserted; every even id then updated with the next image and class "updated"; every sixth
         * id deleted after its update. Interleaved, so all three are in flight whenever a fault strikes.
         */
        private void script() {
            for (int i = 0; i < IMAGES; i++) {
                upsert(i, i, images.get(i).label());
                if (i % 2 == 1) {
                    upsert(i - 1, i, "updated");
                }
                if (i % 6 == 5) {
                    messages.add(new Message(i - 5, IngestMessageWriter.delete(i - 5)));
                    expected.remove((long) (i - 5));
                }
            }
        }

        private void upsert(long id, int image, String label) {
            DatasetImage source = images.get(image);
            messages.add(new Message(id, IngestMessageWriter.upsert(id,
                    new DatasetImage(label, source.bytes(), null, source.metadata()))));
            expected.put(id, new Expected(label, image));
            upserts++;
        }

        ChildJvm ingest(int parallelism, String... extra) throws Exception {
            ChildJvm process = IngestProcess.start(settings, parallelism, dir.resolve("checkpoints"),
                    dir.resolve(name + "-ingest-" + (processes.size() + 1) + ".log"), extra);
            processes.add(process);
            return process;
        }

        /** Starts an ingest process and the stream, and returns once a third of the stream is written. */
        ChildJvm ingestUntilMidStream(int parallelism, String... extra) throws Exception {
            ChildJvm process = ingest(parallelism, extra);
            startPublishing();
            Await.until(WRITES_BEFORE_FAULT + " writes", LIMIT, () -> writes.count() >= WRITES_BEFORE_FAULT);
            return process;
        }

        /** The first message once the job writes, the rest paced on another thread. */
        private void startPublishing() throws Exception {
            ImagePublisher publisher = new ImagePublisher(settings.kafka().bootstrapServers(), settings.kafka().topic());
            publisher.send(messages.get(0).id(), messages.get(0).payload());
            publisher.flush();
            Await.until("the first write", LIMIT, () -> writes.count() >= 1);
            publishing = CompletableFuture.runAsync(() -> {
                try (publisher) {
                    for (Message message : messages.subList(1, messages.size())) {
                        publisher.send(message.id(), message.payload());
                        publisher.flush();
                        Thread.sleep(PACE_MS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        /** Waits for the rows of a fault-free run, then checks every vector against the model's own output. */
        void awaitExpectedRows(ChildJvm job) throws Exception {
            publishing.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            try {
                Await.until("the expected rows", LIMIT, this::rowsAsExpected);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; ingest output:\n" + job.tail(), e);
            }
            Map<Long, TableRows.Row> rows = TableRows.read(settings.database());
            assertEquals(expected.keySet(), rows.keySet());
            expected.forEach((id, row) -> {
                assertEquals(row.label(), rows.get(id).label(), "class of " + id);
                ReferenceVectors.assertVectorEquals(vectors.get(row.image()), rows.get(id).vector());
            });
        }

        private boolean rowsAsExpected() throws Exception {
            Map<Long, TableRows.Row> rows = TableRows.read(settings.database());
            return rows.keySet().equals(expected.keySet()) && expected.entrySet().stream()
                    .allMatch(e -> e.getValue().label().equals(rows.get(e.getKey()).label()));
        }

        /** Upserts written more than once: replayed after the fault. */
        long reprocessed() throws Exception {
            return writes.count() - upserts;
        }

        /** One line: what happened, re-processed messages, seconds from the fault's end to the next write. */
        void report(String fault, Instant faultEnded) throws Exception {
            double recovery = writes.firstAfter(faultEnded)
                    .map(next -> Duration.between(faultEnded, next).toMillis() / 1000.0).orElse(Double.NaN);
            System.out.printf("FAULT %s: %s; %d messages (%d upserts), %d re-processed, writing again %.1f s after, "
                            + "test %.0f s%n", name, fault, messages.size(), upserts, reprocessed(), recovery,
                    (System.nanoTime() - started) / 1e9);
        }

        @Override
        public void close() throws Exception {
            publishing.cancel(true);
            for (ChildJvm process : processes) {
                process.close();
            }
        }
    }
}
