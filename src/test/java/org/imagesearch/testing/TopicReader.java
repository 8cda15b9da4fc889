package org.imagesearch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads JSON messages from a topic from the beginning, accumulating across calls. */
public final class TopicReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<JsonNode> messages = new ArrayList<>();
    private final List<byte[]> keys = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, "read_uncommitted");
    }

    private TopicReader(String bootstrapServers, String topic, String isolation) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topic));
    }

    /** A reader of committed transactions only, as consumers of a transactional sink's topic read. */
    public static TopicReader committed(String bootstrapServers, String topic) {
        return new TopicReader(bootstrapServers, topic, "read_committed");
    }

    /** Everything read so far, after one more poll. */
    public List<JsonNode> poll() throws java.io.IOException {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            messages.add(JSON.readTree(record.value()));
            keys.add(record.key());
        }
        return messages;
    }

    /** The keys of the messages {@link #poll} returned, in the same order. */
    public List<byte[]> keys() {
        return keys;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
