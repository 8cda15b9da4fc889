package org.imagesearch.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.imagesearch.json.Json;

/** An alert as {@code {"watch_id":..., "image_id":..., "distance":..., "at":"..."}}, keyed by the watch's id. */
public final class AlertSerializer implements KafkaRecordSerializationSchema<Alert> {
    private final String topic;

    public AlertSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Alert alert, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, Long.toString(alert.watchId()).getBytes(StandardCharsets.UTF_8),
                toJson(alert));
    }

    static byte[] toJson(Alert alert) {
        ObjectNode node = Json.object();
        node.put("watch_id", alert.watchId());
        node.put("image_id", alert.imageId());
        node.put("distance", alert.distance());
        node.put("at", Instant.ofEpochMilli(alert.atMillis()).toString());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
