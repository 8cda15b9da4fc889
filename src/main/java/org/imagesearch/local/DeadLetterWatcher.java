package org.imagesearch.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the messages on the dead-letter topic in a background thread, keeping the latest one and the ids
 * of their keys (a dead letter is keyed like its message: the id as text).
 */
final class DeadLetterWatcher implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AtomicLong count = new AtomicLong();
    private final Set<Long> ids = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile String latest;

    DeadLetterWatcher(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "image-search-dead-letter-watcher",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topic));
        thread = new Thread(this::run, "dead-letter-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    long count() {
        return count.get();
    }

    /** The ids of the dead letters so far whose key is an id. */
    Set<Long> ids() {
        return Set.copyOf(ids);
    }

    /** The most recent dead letter as JSON text, or null. */
    String latest() {
        return latest;
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    latest = new String(record.value(), StandardCharsets.UTF_8);
                    idOf(record.key()).ifPresent(ids::add);
                    count.incrementAndGet();
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } finally {
            consumer.close();
        }
    }

    private static Optional<Long> idOf(byte[] key) {
        try {
            return key == null ? Optional.empty()
                    : Optional.of(Long.parseLong(new String(key, StandardCharsets.UTF_8)));
        } catch (NumberFormatException e) {
            return Optional.empty(); // a message whose key is no id
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(5_000);
    }
}
