package org.imagesearch.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.imagesearch.json.Json;

/**
 * Writes a dead letter as JSON, keyed like the original message. The original payload goes in
 * {@code payload} when it is UTF-8 text and in {@code payload_base64} otherwise; with the original record's
 * timestamp ({@code source_timestamp}) and key it can be sent again as the same change ({@link StoredDeadLetter}).
 * Credentials in a text payload are removed first ({@link PayloadRedaction}), and the letter says
 * {@code payload_redacted} with the original's length and SHA-256.
 *
 * <p>A dead letter must always fit in a Kafka record, or writing it would fail the job over and over: only
 * the first {@value #MAX_EMBEDDED_PAYLOAD_BYTES} bytes (or characters) of the payload travel with it, with the
 * payload's full length and SHA-256; the source topic, partition and offset locate the whole original, which is
 * what a replay of a redacted or truncated letter sends. Even
 * text that JSON escapes six-fold (control characters) stays under {@value #MAX_RECORD_BYTES} bytes.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    static final int MAX_EMBEDDED_PAYLOAD_BYTES = 64 * 1024;
    static final int MAX_REASON_CHARS = 2_000;
    static final int MAX_KEY_BYTES = 1_024;
    /** The most a dead letter's key and value take: half of Kafka's default 1 MB record limit. */
    public static final int MAX_RECORD_BYTES = 512 * 1024;

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, key(letter.key()), toJson(letter));
    }

    static byte[] toJson(DeadLetter letter) {
        ObjectNode node = Json.object();
        node.put("stage", letter.stage());
        node.put("reason", abbreviate(letter.reason(), MAX_REASON_CHARS));
        if (letter.id() != null) {
            node.put("id", letter.id());
        }
        node.put("source_topic", letter.sourceTopic());
        node.put("source_partition", letter.sourcePartition());
        node.put("source_offset", letter.sourceOffset());
        node.put("failed_at", Instant.ofEpochMilli(letter.failedAtMillis()).toString());
        // A replay sends the original with its own timestamp, so it is the same change at the same version.
        if (letter.sourceTimestamp() >= 0) {
            node.put("source_timestamp", Instant.ofEpochMilli(letter.sourceTimestamp()).toString());
        }
        if (isTooLong(letter.key())) {
            node.put("key_hashed", true);
        }
        byte[] payload = letter.payload() == null ? new byte[0] : letter.payload();
        String text = utf8OrNull(payload);
        boolean truncated;
        boolean redacted = false;
        if (text != null) {
            String withoutCredentials = PayloadRedaction.redact(text);
            redacted = !withoutCredentials.equals(text);
            String kept = abbreviate(withoutCredentials, MAX_EMBEDDED_PAYLOAD_BYTES);
            truncated = kept.length() < withoutCredentials.length();
            node.put("payload", kept);
        } else {
            truncated = payload.length > MAX_EMBEDDED_PAYLOAD_BYTES;
            node.put("payload_base64", Base64.getEncoder().encodeToString(
                    truncated ? Arrays.copyOf(payload, MAX_EMBEDDED_PAYLOAD_BYTES) : payload));
        }
        if (redacted) {
            node.put("payload_redacted", true);
        }
        if (truncated) {
            node.put("payload_truncated", true);
        }
        if (redacted || truncated || isTooLong(letter.key())) {
            // What a replay checks the original in the source topic by (StoredDeadLetter).
            node.put("payload_bytes", payload.length);
            node.put("payload_sha256", sha256(payload));
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The original key, or its SHA-256 in hex when it is too long to repeat (the letter then says {@code key_hashed}). */
    private static byte[] key(byte[] key) {
        return isTooLong(key) ? sha256(key).getBytes(StandardCharsets.US_ASCII) : key;
    }

    private static boolean isTooLong(byte[] key) {
        return key != null && key.length > MAX_KEY_BYTES;
    }

    /** The first {@code max} characters, never splitting a surrogate pair. */
    private static String abbreviate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
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
