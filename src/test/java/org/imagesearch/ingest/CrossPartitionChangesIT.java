package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.zip.CRC32;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.utils.Utils;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.json.Json;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.testing.Await;
import org.imagesearch.testing.ConsumedTopic;
import org.imagesearch.testing.IngestJobs;
import org.imagesearch.testing.Kcat;
import org.imagesearch.testing.MiniClusters;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TableRows;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two producers that partition keys differently write the changes of the same ids: the Java client
 * (murmur2 of the key) the upserts, kcat (librdkafka, crc32 of the key) the deletes, which therefore
 * land in the other partition and overtake, or are overtaken by, the changes they follow. The table must
 * end holding exactly the ids whose newest change is an upsert, whatever order the partitions were read in.
 */
@ExtendWith(RealServices.class)
class CrossPartitionChangesIT {
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final int PARTITIONS = 2;
    private static final int IDS = 24;
    /** Upserts in partition 0 load their image over HTTP this slowly, so partition 1 runs ahead of them. */
    private static final int SLOW_PARTITION = 0;
    private static final long LOAD_DELAY_MS = 250;

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private final TestServices services;

    CrossPartitionChangesIT(TestServices services) {
        this.services = services;
    }

    @Test
    void theNewestChangeOfEveryIdWinsWhateverPartitionItWasIn() throws Exception {
        Kcat kcat = Kcat.at(services.kafka().bootstrapServers());
        Settings settings = IngestJobs.settings(services, "lww", PARTITIONS, "--allow-networks", "127.0.0.0/8");
        String topic = settings.kafka().topic();
        List<DatasetImage> images = TestImages.cifar(IDS);
        HttpServer http = slowImageServer(images);
        String base = "http://127.0.0.1:" + http.getAddress().getPort() + "/";

        // Ids whose Java partition and kcat partition differ, in four groups:
        // upserted in the slow partition, then deleted through the fast one: the delete overtakes its upsert;
        Set<Long> overtakingDeletes = ids(3, id -> javaPartition(id) == SLOW_PARTITION && kcatPartition(id) != SLOW_PARTITION);
        // deleted through the slow partition, then upserted again through the fast one: the upsert overtakes;
        Set<Long> overtakenDeletes = ids(3, id -> kcatPartition(id) == SLOW_PARTITION && javaPartition(id) != SLOW_PARTITION);
        List<Long> others = LongStream.range(0, IDS).filter(id -> javaPartition(id) != kcatPartition(id)
                && !overtakingDeletes.contains(id) && !overtakenDeletes.contains(id)).boxed().toList();
        // deleted with an explicit version older than their upserts' timestamps;
        Set<Long> staleDeletes = Set.copyOf(others.subList(0, 2));
        // deleted, then upserted with an explicit version older than the delete's timestamp.
        Set<Long> staleUpserts = Set.copyOf(others.subList(2, 4));

        JobClient job = IngestJob.fromSettings(settings).start(IngestJobs.environment());
        try (ImagePublisher publisher = IngestJobs.publisher(settings)) {
            // upserts of 0..IDS-1, those whose deletes will overtake them last in their partition
            for (long id = 0; id < IDS; id++) {
                if (!overtakingDeletes.contains(id)) {
                    publisher.send(id, upsert(id, images, base, "first"));
                }
            }
            overtakingDeletes.forEach(id -> publisher.send(id, upsert(id, images, base, "first")));
            publisher.flush();
            kcat.produce(topic, deletes(union(overtakingDeletes, overtakenDeletes), null));
            overtakenDeletes.forEach(id -> publisher.send(id, upsert(id, images, base, "again")));
            publisher.flush();
            awaitConsumed(settings);

            kcat.produce(topic, union(deletes(staleDeletes, 1L), deletes(staleUpserts, null)));
            staleUpserts.forEach(id -> publisher.send(id, withVersion(upsert(id, images, base, "stale"), 1)));
            publisher.flush();
            awaitConsumed(settings);

            Map<Long, TableRows.Row> rows = TableRows.read(settings.database());
            Set<Long> expected = LongStream.range(0, IDS).boxed()
                    .filter(id -> !overtakingDeletes.contains(id) && !staleUpserts.contains(id))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, new TreeSet<>(rows.keySet()), "the ids whose newest change is an upsert");
            for (long id : overtakenDeletes) {
                assertEquals("again", rows.get(id).label(), "row " + id + " holds its newest upsert");
            }
            assertEveryDeleteLandedInAnotherPartitionThanItsUpsert(kcat.readAll(topic));
        } finally {
            job.cancel().get();
            http.stop(0);
        }
    }

    private void awaitConsumed(Settings settings) throws Exception {
        Await.until("the job to write everything in the topic", LIMIT, () -> ConsumedTopic.consumed(
                settings.kafka().bootstrapServers(), settings.kafka().groupId(), settings.kafka().topic()));
    }

    private static void assertEveryDeleteLandedInAnotherPartitionThanItsUpsert(List<Kcat.StoredRecord> records) {
        int deletes = 0;
        for (Kcat.StoredRecord record : records) {
            long id = Long.parseLong(record.key());
            if (record.value().contains("\"op\":\"delete\"")) {
                deletes++;
                assertEquals(kcatPartition(id), record.partition(), "kcat's delete of " + id);
                assertNotEquals(javaPartition(id), record.partition(), "kcat's delete of " + id);
            } else {
                assertEquals(javaPartition(id), record.partition(), "the Java client's upsert of " + id);
            }
        }
        assertEquals(10, deletes);
    }

    /** The Java client's default partition of a key: murmur2. */
    private static int javaPartition(long id) {
        return Utils.toPositive(Utils.murmur2(IngestMessageWriter.key(id))) % PARTITIONS;
    }

    /** librdkafka's default partition of a key: crc32. */
    private static int kcatPartition(long id) {
        CRC32 crc = new CRC32();
        crc.update(IngestMessageWriter.key(id));
        return (int) (crc.getValue() % PARTITIONS);
    }

    private static Set<Long> ids(int count, LongPredicate condition) {
        Set<Long> ids = LongStream.range(0, IDS).filter(condition).limit(count).boxed().collect(Collectors.toSet());
        assertEquals(count, ids.size(), "enough ids of the kind among 0.." + (IDS - 1));
        return ids;
    }

    /** An upsert as the Java client publishes it: by URL in the slow partition, inline in the other. */
    private static byte[] upsert(long id, List<DatasetImage> images, String base, String label) {
        DatasetImage image = javaPartition(id) == SLOW_PARTITION
                ? new DatasetImage(label, null, base + id + ".png", Map.of())
                : new DatasetImage(label, images.get((int) id).bytes(), null, Map.of());
        return IngestMessageWriter.upsert(id, image);
    }

    private static List<Kcat.Message> deletes(Set<Long> ids, Long version) {
        List<Kcat.Message> messages = new ArrayList<>();
        for (long id : new TreeSet<>(ids)) {
            byte[] delete = IngestMessageWriter.delete(id);
            messages.add(new Kcat.Message(id, new String(version == null ? delete : withVersion(delete, version),
                    StandardCharsets.UTF_8)));
        }
        return messages;
    }

    private static byte[] withVersion(byte[] message, long version) {
        try {
            ObjectNode node = (ObjectNode) Json.MAPPER.readTree(message);
            node.put("version", version);
            return node.toString().getBytes(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }

    private static <T> List<T> union(List<T> a, List<T> b) {
        List<T> union = new ArrayList<>(a);
        union.addAll(b);
        return union;
    }

    /** Serves image {@code id} at {@code /<id>.png}, each after a delay. */
    private static HttpServer slowImageServer(List<DatasetImage> images) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] png = images.get(Integer.parseInt(name.substring(0, name.length() - ".png".length()))).bytes();
            try {
                Thread.sleep(LOAD_DELAY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, png.length);
            exchange.getResponseBody().write(png);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
        return server;
    }
}
