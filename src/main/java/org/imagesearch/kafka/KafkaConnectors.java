package org.imagesearch.kafka;

import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.imagesearch.config.Settings;

/** The Kafka source and sinks of the Flink jobs, built one way from the settings. */
public final class KafkaConnectors {
    private KafkaConnectors() {}

    /** Raw records of {@code kafka.topic()}, offsets committed to Kafka when a checkpoint completes. */
    public static KafkaSource<KafkaMessage> source(Settings.Kafka kafka) {
        OffsetsInitializer start = switch (kafka.startOffsets()) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
        return KafkaSource.<KafkaMessage>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.topic())
                .setGroupId(kafka.groupId())
                .setStartingOffsets(start)
                .setDeserializer(new KafkaMessageDeserializer())
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    /**
     * The records of {@code kafka.topic()} from the earliest offsets up to {@code stops} (each partition's offset
     * to stop before): a bounded source, whose job ends once it has read them. Nothing is committed to Kafka.
     */
    public static KafkaSource<KafkaMessage> boundedSource(Settings.Kafka kafka, Map<TopicPartition, Long> stops) {
        return KafkaSource.<KafkaMessage>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.topic())
                .setGroupId(kafka.groupId())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.offsets(stops))
                .setDeserializer(new KafkaMessageDeserializer())
                .setProperty("commit.offsets.on.checkpoint", "false")
                .build();
    }

    /** An at-least-once sink writing what {@code serializer} makes of each element. */
    public static <T> KafkaSink<T> sink(Settings.Kafka kafka, KafkaRecordSerializationSchema<T> serializer) {
        return sink(kafka, serializer, new Properties());
    }

    /** The same with {@code producer} settings added to the Kafka producer's. */
    public static <T> KafkaSink<T> sink(Settings.Kafka kafka, KafkaRecordSerializationSchema<T> serializer,
                                        Properties producer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
