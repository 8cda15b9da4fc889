package org.imagesearch.kafka;

import java.time.Duration;
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
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

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

    /**
     * A transactional sink: what it writes becomes visible to {@code read_committed} consumers when the checkpoint
     * after it completes, and a restart aborts what no checkpoint covered. Transactions are named after
     * {@code transactionalIdPrefix}, which must be the same on every run of a job and no other job's. Their timeout,
     * 15 minutes, is the broker's default maximum (Flink's own, an hour, is refused by a default broker); a job
     * down for longer loses the writes of its last checkpoint interval.
     */
    public static <T> KafkaSink<T> exactlyOnceSink(Settings.Kafka kafka, KafkaRecordSerializationSchema<T> serializer,
                                                   String transactionalIdPrefix) {
        Properties producer = new Properties();
        producer.setProperty("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }
}
