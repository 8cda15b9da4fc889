package org.imagesearch.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic as it stands when the scan starts: each partition up to the end offset it had then, so a scan
 * ends however fast producers keep writing. A scan that receives nothing for its timeout gives up.
 */
public final class TopicScan {
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * @param records the records the topic held (between its partitions' beginning and end offsets)
     * @param read    how many of them the scan read
     */
    public record Extent(long records, long read) {}

    private TopicScan() {}

    /** Every record of {@code topic}, from the beginning. */
    public static Extent all(String bootstrapServers, String topic, Duration timeout,
                             Consumer<ConsumerRecord<byte[], byte[]>> each) {
        return newest(bootstrapServers, topic, Long.MAX_VALUE, timeout, each);
    }

    /** The newest {@code perPartition} records of each partition of {@code topic}, oldest first. */
    public static Extent newest(String bootstrapServers, String topic, long perPartition, Duration timeout,
                                Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.reader(bootstrapServers, timeout)) {
            List<TopicPartition> partitions = partitions(consumer, bootstrapServers, topic, timeout);
            consumer.assign(partitions);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> open = new HashMap<>();
            long records = 0;
            for (TopicPartition partition : partitions) {
                long end = ends.get(partition);
                records += end - beginnings.get(partition);
                long first = Math.max(beginnings.get(partition), end - Math.min(perPartition, end));
                consumer.seek(partition, first);
                if (first < end) {
                    open.put(partition, end);
                }
            }
            return new Extent(records, read(consumer, open, timeout, each, bootstrapServers, topic));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw KafkaClients.unanswered(bootstrapServers, timeout, e);
        }
    }

    /** Reads until every open partition has reached its end offset; records past it are left for later scans. */
    private static long read(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> open, Duration timeout,
                             Consumer<ConsumerRecord<byte[], byte[]>> each, String bootstrapServers, String topic) {
        consumer.pause(consumer.assignment().stream().filter(p -> !open.containsKey(p)).toList());
        long read = 0;
        long quietSince = System.nanoTime();
        while (!open.isEmpty()) {
            boolean progress = false;
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                Long end = open.get(new TopicPartition(record.topic(), record.partition()));
                if (end != null && record.offset() < end) {
                    each.accept(record);
                    read++;
                    progress = true;
                }
            }
            // Positions can pass the end without a record (transaction markers), so they decide, not counts.
            for (TopicPartition partition : List.copyOf(open.keySet())) {
                if (consumer.position(partition, timeout) >= open.get(partition)) {
                    open.remove(partition);
                    consumer.pause(List.of(partition));
                    progress = true;
                }
            }
            if (progress) {
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > timeout.toNanos()) {
                throw new KafkaReadException("reading " + topic + " at " + bootstrapServers + ": nothing came for "
                        + timeout.toSeconds() + " s with " + open.size() + " partitions not read to their end", null);
            }
        }
        return read;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String bootstrapServers,
                                                   String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new KafkaReadException("topic " + topic + " does not exist at " + bootstrapServers, null);
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }
}
