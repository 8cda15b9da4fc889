package org.imagesearch.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.eval.CopyEdit;
import org.imagesearch.eval.CopyEdits;
import org.imagesearch.ingest.IngestJob;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.testing.Await;
import org.imagesearch.testing.ConsumedTopic;
import org.imagesearch.testing.IngestJobs;
import org.imagesearch.testing.MiniClusters;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TableRows;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watchlists end to end on real components (Kafka broker, Flink MiniCluster, PostgreSQL, the model, CIFAR-10
 * images): one image watched, its edited copies alerted once each and unrelated images not at all, also when the
 * same messages come again and after a stop with a savepoint and a resume from it.
 */
@ExtendWith(RealServices.class)
class WatchlistIT {
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final double DISTANCE = 0.12;
    private static final long WATCHED = 0;
    private static final Set<Long> COPIES = Set.of(100L, 101L, 102L);

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private final TestServices services;

    WatchlistIT(TestServices services) {
        this.services = services;
    }

    @Test
    void alertsEachCopyOfAWatchedImageOnceAcrossReplaysAndARestart(@TempDir Path savepoints) throws Exception {
        Settings settings = IngestJobs.settings(services, "watch", 2);
        List<DatasetImage> cifar = TestImages.cifar(9);
        byte[] original = cifar.get(0).bytes();
        Map<Long, byte[]> later = new LinkedHashMap<>();
        later.put(100L, upsert(100, new CopyEdits(Dataset.DEFAULT_SEED).copyOf(original, 0, CopyEdit.JPEG_Q35)));
        later.put(101L, upsert(101, brightened(original)));
        later.put(102L, upsert(102, croppedByOnePixel(original)));
        for (long id = 1; id < cifar.size(); id++) {
            later.put(id, IngestMessageWriter.upsert(id, cifar.get((int) id)));
        }

        JobClient job = IngestJobs.start(settings);
        Watch watch;
        try (ImagePublisher publisher = IngestJobs.publisher(settings);
             TopicReader alerts = TopicReader.committed(settings.kafka().bootstrapServers(),
                     settings.kafka().alertTopic())) {
            publisher.send(WATCHED, IngestMessageWriter.upsert(WATCHED, cifar.get(0)));
            publisher.flush();
            Await.until("the original indexed", LIMIT, () -> TableRows.count(settings.database()) == 1);
            try (Connection connection = PostgresConnections.open(settings.database())) {
                watch = new WatchTable(settings.database().table()).addImage(connection, WATCHED, DISTANCE, "cat");
            }
            assertNotNull(watch);
            Thread.sleep(MatchWatches.REFRESH.toMillis() + 500); // every subtask has read the watchlist again

            sendAll(publisher, later);
            Await.until("all indexed", LIMIT, () -> TableRows.count(settings.database()) == 1 + later.size());
            Await.until("the copies alerted", LIMIT, () -> alerts.poll().size() >= COPIES.size());
            awaitConsumed(settings);
            assertEquals(COPIES, pairs(alerts.poll(), watch), "the copies, each once, and nothing else");
            for (JsonNode alert : alerts.poll()) {
                assertTrue(alert.get("distance").asDouble() <= DISTANCE, alert.toString());
                assertTrue(alert.has("at"), alert.toString());
            }

            // the same messages again: the rows are updated, no pair is alerted twice
            sendAll(publisher, later);
            awaitConsumed(settings);
            Thread.sleep(2_000);
            assertEquals(COPIES.size(), alerts.poll().size(), "a replay alerts no pair again");

            String savepoint = job.stopWithSavepoint(false, savepoints.toUri().toString(),
                    SavepointFormatType.CANONICAL).get();
            job = IngestJob.fromSettings(settings).start(resumingFrom(savepoint));
            sendAll(publisher, later);
            awaitConsumed(settings);
            Thread.sleep(2_000);
            assertEquals(COPIES.size(), alerts.poll().size(), "a resumed job alerts no pair again");
        } finally {
            job.cancel().get();
        }
    }

    private static Set<Long> pairs(List<JsonNode> alerts, Watch watch) {
        alerts.forEach(a -> assertEquals(watch.id(), a.get("watch_id").asLong(), a.toString()));
        Set<Long> images = alerts.stream().map(a -> a.get("image_id").asLong()).collect(Collectors.toSet());
        assertEquals(alerts.size(), images.size(), "one alert a pair: " + alerts);
        return images;
    }

    private static void sendAll(ImagePublisher publisher, Map<Long, byte[]> messages) {
        messages.forEach(publisher::send);
        publisher.flush();
    }

    /** The group at the topic's end: a checkpoint after every message has completed, committing its alerts. */
    private static void awaitConsumed(Settings settings) throws Exception {
        Await.until("the topic consumed", LIMIT, () -> ConsumedTopic.consumed(settings.kafka().bootstrapServers(),
                settings.kafka().groupId(), settings.kafka().topic()));
    }

    private static StreamExecutionEnvironment resumingFrom(String savepoint) {
        StreamExecutionEnvironment env = IngestJobs.environment();
        Configuration config = new Configuration();
        config.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        env.configure(config);
        return env;
    }

    private static byte[] upsert(long id, byte[] image) {
        return IngestMessageWriter.upsert(id, new DatasetImage("copy", image, null, Map.of()));
    }

    private static byte[] brightened(byte[] png) throws Exception {
        BufferedImage image = TestImages.decode(png);
        return TestImages.encode(new RescaleOp(1.15f, 10, null).filter(image, null), "png");
    }

    private static byte[] croppedByOnePixel(byte[] png) throws Exception {
        BufferedImage image = TestImages.decode(png);
        return TestImages.encode(image.getSubimage(1, 1, image.getWidth() - 2, image.getHeight() - 2), "png");
    }
}
