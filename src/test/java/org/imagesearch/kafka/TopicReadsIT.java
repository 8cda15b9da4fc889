package org.imagesearch.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bounded topic scans and consumer lag against the test run's real broker. */
@ExtendWith(RealServices.class)
class TopicReadsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String bootstrap;
    private final String topic = TestServices.uniqueName("reads");
    private KafkaProducer<byte[], byte[]> producer;

    TopicReadsIT(TestServices services) {
        bootstrap = services.kafka().bootstrapServers();
        services.kafka().createTopic(topic, 2);
    }

    @BeforeEach
    void startProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterEach
    void stopProducer() {
        producer.close();
    }

    /** {@code count} records "p<partition>-<i>" into partition {@code partition}. */
    private void produce(int partition, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(topic, partition, null, ("p" + partition + "-" + i).getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Test
    void aScanReadsEveryRecordUpToTheEndAtItsStartAndNoFurther() throws Exception {
        produce(0, 3);
        produce(1, 2);
        List<String> read = new ArrayList<>();

        TopicScan.Extent extent = TopicScan.all(bootstrap, topic, TIMEOUT, record -> {
            read.add(text(record.value()));
            // written while the scan runs: after the end it started with
            producer.send(new ProducerRecord<>(topic, record.partition(), null, "late".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
        });

        assertEquals(new TopicScan.Extent(5, 5), extent);
        assertEquals(List.of("p0-0", "p0-1", "p0-2"), read.stream().filter(v -> v.startsWith("p0")).toList());
        assertEquals(List.of("p1-0", "p1-1"), read.stream().filter(v -> v.startsWith("p1")).toList());
    }

    @Test
    void theNewestRecordsOfEachPartitionAreReadOldestFirst() throws Exception {
        produce(0, 5);
        produce(1, 1);
        List<String> read = new ArrayList<>();

        TopicScan.Extent extent = TopicScan.newest(bootstrap, topic, 2, TIMEOUT, record -> read.add(text(record.value())));

        assertEquals(new TopicScan.Extent(6, 3), extent);
        assertEquals(List.of("p0-3", "p0-4"), read.stream().filter(v -> v.startsWith("p0")).toList());
        assertEquals(List.of("p1-0"), read.stream().filter(v -> v.startsWith("p1")).toList());
    }

    @Test
    void anEmptyTopicIsScannedAtOnce() {
        assertEquals(new TopicScan.Extent(0, 0), TopicScan.all(bootstrap, topic, TIMEOUT, record -> { }));
    }

    @Test
    void aMissingTopicOrAnUnreachableBrokerIsOneLine() {
        KafkaReadException missing = assertThrows(KafkaReadException.class,
                () -> TopicScan.all(bootstrap, "no-such-topic", TIMEOUT, record -> { }));
        assertEquals("topic no-such-topic does not exist at " + bootstrap, missing.getMessage());

        long start = System.nanoTime();
        KafkaReadException down = assertThrows(KafkaReadException.class,
                () -> TopicScan.all("127.0.0.1:1", topic, Duration.ofSeconds(2), record -> { }));
        assertEquals("Kafka at 127.0.0.1:1 did not answer within 2 s", down.getMessage());
        assertThrows(KafkaReadException.class, () -> ConsumerLag.of("127.0.0.1:1", "g", topic, Duration.ofSeconds(2)));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "took too long");
    }

    @Test
    void lagIsTheEndLessTheCommittedOffsetOrTheWholePartitionWithoutOne() throws Exception {
        produce(0, 5);
        produce(1, 3);
        String group = TestServices.uniqueName("group");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2))).all().get();
        }

        List<ConsumerLag.Partition> lag = ConsumerLag.of(bootstrap, group, topic, TIMEOUT);

        assertEquals(List.of(new ConsumerLag.Partition(0, 2L, 5, 3), new ConsumerLag.Partition(1, null, 3, 3)), lag);
        KafkaReadException missing = assertThrows(KafkaReadException.class,
                () -> ConsumerLag.of(bootstrap, group, "no-such-topic", TIMEOUT));
        assertTrue(missing.getMessage().startsWith("describing topic no-such-topic at " + bootstrap + ": "), missing.getMessage());
    }
}
