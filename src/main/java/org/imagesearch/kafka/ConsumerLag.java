package org.imagesearch.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind on a topic, partition by partition: the end offset less the group's
 * committed one. The Flink Kafka source commits its offsets when a checkpoint completes, so for the ingest
 * job this is the backlog as of its last checkpoint.
 */
public final class ConsumerLag {
    /**
     * @param committed the group's next offset to read, null when it has committed none (it reads from the
     *                  partition's beginning then, so the lag counts from there)
     */
    public record Partition(int partition, Long committed, long end, long lag) {}

    private ConsumerLag() {}

    /** One entry per partition of {@code topic}, in partition order. */
    public static List<Partition> of(String bootstrapServers, String groupId, String topic, Duration timeout) {
        try (Admin admin = KafkaClients.admin(bootstrapServers, timeout)) {
            List<TopicPartition> partitions = TopicOffsets.partitions(admin, topic, bootstrapServers, timeout);
            Map<TopicPartition, OffsetAndMetadata> committed = KafkaClients.await(
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(),
                    bootstrapServers, timeout, "reading the offsets of group " + groupId);
            Map<TopicPartition, Long> ends = TopicOffsets.offsets(admin, partitions, OffsetSpec.latest(),
                    bootstrapServers, timeout);
            Map<TopicPartition, Long> beginnings = TopicOffsets.offsets(admin, partitions, OffsetSpec.earliest(),
                    bootstrapServers, timeout);
            return partitions.stream().map(partition -> {
                OffsetAndMetadata offset = committed.get(partition);
                Long next = offset == null ? null : offset.offset();
                long end = ends.get(partition);
                long lag = Math.max(0, end - Math.max(next == null ? 0 : next, beginnings.get(partition)));
                return new Partition(partition.partition(), next, end, lag);
            }).toList();
        }
    }
}
