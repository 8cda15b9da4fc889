package org.imagesearch.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a consumer group has committed the end of every partition of a topic. The ingest job commits
 * offsets when a checkpoint completes, after its sink flushed everything read before it: so once the
 * group is at the end, every message in the topic has been written to the table. (On an idle topic the
 * commit reaches Kafka only when the job's consumer returns from its poll, up to 10 s after the checkpoint.)
 */
public final class ConsumedTopic {
    private ConsumedTopic() {}

    public static boolean consumed(String bootstrapServers, String group, String topic)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return ends.entrySet().stream().allMatch(end -> {
                OffsetAndMetadata position = committed.get(end.getKey());
                return (position == null ? 0 : position.offset()) >= end.getValue().offset();
            });
        }
    }
}
