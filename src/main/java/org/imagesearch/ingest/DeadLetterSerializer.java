package org.imagesearch.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.imagesearch.json.Json;

/**
 * Writes a dead letter as JSON, keyed like the original message. The original payload goes in
 * {@code payload} when it is UTF-8 text and in {@code payload_base64} otherwise, so it is never altered.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, letter.key(), toJson(letter));
    }

    static byte[] toJson(DeadLetter letter) {
        ObjectNode node = Json.object();
        node.put("stage", letter.stage());
        node.put("reason", letter.reason());
        if (letter.id() != null) {
            node.put("id", letter.id());
        }
        node.put("source_topic", letter.sourceTopic());
        node.put("source_partition", letter.sourcePartition());
        node.put("source_offset", letter.sourceOffset());
        node.put("failed_at", Instant.ofEpochMilli(letter.failedAtMillis()).toString());
        byte[] payload = letter.payload() == null ? new byte[0] : letter.payload();
        String text = utf8OrNull(payload);
        if (text != null) {
            node.put("payload", text);
        } else {
            node.put("payload_base64", Base64.getEncoder().encodeToString(payload));
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
