package org.imagesearch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.local.EmbeddedKafka;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.store.SettingsResolver;

/**
 * The stream the fault tests publish while a fault strikes the ingest job, with topics and a table of its own, and
 * what the table must hold at its end. 120 CIFAR-10 images upserted; every even id then updated with the next image
 * and class "updated"; every sixth id deleted after its update. Interleaved, so all three are in flight whenever a
 * fault strikes, and paced at about a third of what the job can do, so the job keeps up and the fault hits
 * mid-stream. A trigger logs every row written ({@link WriteLog}): how many messages were re-processed, and when
 * writing resumed.
 */
public final class ChangeStream implements AutoCloseable {
    public static final Duration LIMIT = Duration.ofMinutes(2);
    private static final int IMAGES = 120;
    private static final long PACE_MS = 30;
    /** Rows written before the fault: the stream has about two thirds still to come. */
    private static final long WRITES_BEFORE_FAULT = 60;
    private static List<DatasetImage> images;
    /** The model's own output for each image, computed outside Flink once per test run. */
    private static List<float[]> vectors;

    private final String name;
    private final Settings settings;
    private final WriteLog writes;
    private final List<Message> messages = new ArrayList<>();
    private final Map<Long, Expected> expected = new HashMap<>();
    private final long started = System.nanoTime();
    private long upserts;
    private CompletableFuture<Void> publishing = CompletableFuture.completedFuture(null);

    /** One message of the stream: an upsert, an update or a delete of {@code id}. */
    private record Message(long id, byte[] payload) {}

    /** What a row must hold at the end: its class and the position of its image. */
    private record Expected(String label, int image) {}

    private ChangeStream(String name, Settings settings, WriteLog writes) {
        this.name = name;
        this.settings = settings;
        this.writes = writes;
        script();
    }

    /** The stream for the broker at {@code bootstrapServers}: its topics created, and its table, to log from the first row. */
    public static ChangeStream create(String name, TestServices services, String bootstrapServers) throws Exception {
        return create(name, services, bootstrapServers, 2);
    }

    /** The same with {@code partitions} partitions of the ingest topic: at least the parallelism, for every source subtask. */
    public static ChangeStream create(String name, TestServices services, String bootstrapServers, int partitions)
            throws Exception {
        loadImages();
        String unique = TestServices.uniqueName(name);
        Settings configured = TestSettings.parse()
                .withKafka(new Settings.Kafka(bootstrapServers, unique + "-in", unique + "-dlq", unique + "-alerts", unique,
                        Settings.StartOffsets.COMMITTED))
                .withDatabase(services.database(unique));
        EmbeddedKafka.createTopic(bootstrapServers, configured.kafka().topic(), partitions);
        EmbeddedKafka.createTopic(bootstrapServers, configured.kafka().deadLetterTopic(), 1);
        Settings settings = SettingsResolver.resolveForWriting(configured, ProjectionChoice.NONE, false);
        return new ChangeStream(name, settings, WriteLog.install(settings.database()));
    }

    private static synchronized void loadImages() throws Exception {
        if (images == null) {
            List<DatasetImage> loaded = TestImages.cifar(IMAGES);
            List<float[]> computed = new ArrayList<>();
            try (ReferenceVectors reference = new ReferenceVectors()) {
                for (DatasetImage image : loaded) {
                    computed.add(reference.of(image.bytes()));
                }
            }
            images = loaded;
            vectors = computed;
        }
    }

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

    /** Topics, table and connection of the job under test. */
    public Settings settings() {
        return settings;
    }

    /** Publishes the first message, then once the job writes the rest on another thread; returns at a third written. */
    public void publishUntilMidStream() throws Exception {
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
        Await.until(WRITES_BEFORE_FAULT + " writes", LIMIT, () -> writes.count() >= WRITES_BEFORE_FAULT);
    }

    /**
     * Waits for the rows of a fault-free run, then checks every vector against the model's own output; on a timeout
     * the failure shows {@code jobOutput}.
     */
    public void awaitExpectedRows(Callable<String> jobOutput) throws Exception {
        publishing.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        try {
            Await.until("the expected rows", LIMIT, this::rowsAsExpected);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; job output:\n" + jobOutput.call(), e);
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
    public long reprocessed() throws Exception {
        return writes.count() - upserts;
    }

    /** The rows the job inserted, updated and deleted after {@code instant} ({@link WriteLog#countsAfter}). */
    public Map<String, Long> changesAfter(Instant instant) throws Exception {
        return writes.countsAfter(instant);
    }

    /** One line: what happened, re-processed messages, seconds from the fault's end to the next write. */
    public void report(String fault, Instant faultEnded) throws Exception {
        double recovery = writes.firstAfter(faultEnded)
                .map(next -> Duration.between(faultEnded, next).toMillis() / 1000.0).orElse(Double.NaN);
        System.out.printf("FAULT %s: %s; %d messages (%d upserts), %d re-processed, writing again %.1f s after, "
                        + "test %.0f s%n", name, fault, messages.size(), upserts, reprocessed(), recovery,
                (System.nanoTime() - started) / 1e9);
    }

    @Override
    public void close() {
        publishing.cancel(true);
    }
}
