package org.imagesearch.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads single records by their offset, with one consumer for all of them (opened on the first lookup). A record
 * that retention or compaction removed, or an offset not yet written, is absent.
 */
public final class RecordLookup implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final Duration timeout;
    private KafkaConsumer<byte[], byte[]> consumer;

    public RecordLookup(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /** The record at {@code offset} of the partition, if the topic still holds it. */
    public Optional<ConsumerRecord<byte[], byte[]>> at(String topic, int partition, long offset) {
        TopicPartition place = new TopicPartition(topic, partition);
        try {
            KafkaConsumer<byte[], byte[]> reader = reader();
            reader.assign(List.of(place));
            long beginning = reader.beginningOffsets(List.of(place), timeout).get(place);
            long end = reader.endOffsets(List.of(place), timeout).get(place);
            if (offset < beginning || offset >= end) {
                return Optional.empty();
            }
            reader.seek(place, offset);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
                    // Compaction can leave a gap: the first record after it is another one.
                    return record.offset() == offset ? Optional.of(record) : Optional.empty();
                }
                if (reader.position(place, timeout) > offset) {
                    return Optional.empty();   // passed it without a record: a transaction marker
                }
            }
            throw KafkaClients.unanswered(bootstrapServers, timeout, null);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw KafkaClients.unanswered(bootstrapServers, timeout, e);
        }
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        if (consumer == null) {
            consumer = KafkaClients.reader(bootstrapServers, timeout);
        }
        return consumer;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
