package org.imagesearch.kafka;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A topic's partitions and their offsets through the admin client, and a consumer group's offsets set: what a
 * bounded replay stops at, and where the job that continues after it starts.
 */
public final class TopicOffsets {
    private TopicOffsets() {}

    /** Each partition's end offset now: the offset the next record written to it will get. */
    public static Map<TopicPartition, Long> ends(String bootstrapServers, String topic, Duration timeout) {
        try (Admin admin = KafkaClients.admin(bootstrapServers, timeout)) {
            return offsets(admin, partitions(admin, topic, bootstrapServers, timeout), OffsetSpec.latest(),
                    bootstrapServers, timeout);
        }
    }

    /** Sets {@code groupId}'s committed offsets; the group must have no active members. */
    public static void commit(String bootstrapServers, String groupId, Map<TopicPartition, Long> offsets,
                              Duration timeout) {
        try (Admin admin = KafkaClients.admin(bootstrapServers, timeout)) {
            KafkaClients.await(admin.alterConsumerGroupOffsets(groupId, offsets.entrySet().stream().collect(
                            Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())))).all(),
                    bootstrapServers, timeout, "committing the offsets of group " + groupId);
        }
    }

    /** The partitions of {@code topic}, in partition order. */
    static List<TopicPartition> partitions(Admin admin, String topic, String bootstrapServers, Duration timeout) {
        return KafkaClients.await(admin.describeTopics(List.of(topic)).allTopicNames(),
                        bootstrapServers, timeout, "describing topic " + topic)
                .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec,
                                             String bootstrapServers, Duration timeout) {
        Map<TopicPartition, ListOffsetsResultInfo> offsets = KafkaClients.await(admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec))).all(),
                bootstrapServers, timeout, "listing the offsets of " + partitions.get(0).topic());
        return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
