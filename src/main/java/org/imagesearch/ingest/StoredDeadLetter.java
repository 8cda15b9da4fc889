package org.imagesearch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.imagesearch.json.Json;

/**
 * A dead letter read back from the dead-letter topic ({@link DeadLetterSerializer} wrote it): what it can be
 * selected by, and the original message, key and record timestamp, which sent again are the same change at the
 * same version. A letter whose payload was redacted or truncated, or whose key was hashed, holds only where the
 * original is ({@code source}) and the payload's SHA-256: a replay reads it from there. A letter that cannot be
 * sent again either way says why.
 *
 * @param stage           the stage's label, null when the record is no dead letter
 * @param failedAt        when the stage refused the message, null if unknown
 * @param sourceTimestamp the original record's timestamp, null if unknown
 * @param key             the dead-letter record's key: the original one unless the letter says {@code key_hashed}
 * @param payload         the original message, null when it must be read from {@code source} or is unreplayable
 * @param source          where the original record is, null if the letter does not say
 * @param payloadSha256   the original payload's SHA-256 (hex) when the letter does not hold the payload as sent
 * @param unreplayable    why the original cannot be sent again, null when it can
 */
public record StoredDeadLetter(String stage, String reason, Long id, Instant failedAt, Instant sourceTimestamp,
                               byte[] key, byte[] payload, Source source, String payloadSha256, String unreplayable) {

    /** A record's place in Kafka. */
    public record Source(String topic, int partition, long offset) {
        @Override
        public String toString() {
            return topic + "/" + partition + "@" + offset;
        }
    }

    public static StoredDeadLetter parse(byte[] key, byte[] value) {
        JsonNode node;
        try {
            node = value == null ? null : Json.MAPPER.readTree(value);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.path("stage").isTextual()) {
            return new StoredDeadLetter(null, null, null, null, null, key, null, null, null, "not a dead letter");
        }
        Instant sourceTimestamp = instant(node.path("source_timestamp"));
        Source source = source(node);
        boolean inSourceOnly = node.path("payload_truncated").asBoolean() || node.path("payload_redacted").asBoolean()
                || node.path("key_hashed").asBoolean();
        byte[] payload = inSourceOnly ? null : payload(node);
        String sha256 = inSourceOnly ? node.path("payload_sha256").asText(null) : null;
        String unreplayable = inSourceOnly ? refusalFromSource(node, sourceTimestamp, source)
                : refusal(sourceTimestamp, payload);
        return new StoredDeadLetter(node.get("stage").asText(), node.path("reason").asText(""),
                node.path("id").isIntegralNumber() ? node.get("id").longValue() : null,
                instant(node.path("failed_at")), sourceTimestamp, key, unreplayable == null ? payload : null,
                source, sha256, unreplayable);
    }

    public boolean isReplayable() {
        return unreplayable == null;
    }

    /** Whether a replay must read the original record from {@link #source()}. */
    public boolean needsSourceRecord() {
        return isReplayable() && payload == null;
    }

    /** Why an original that only the source topic holds cannot be sent again, or null when it can. */
    private static String refusalFromSource(JsonNode node, Instant sourceTimestamp, Source source) {
        if (source == null) {
            return "the letter holds neither the whole message nor where the original is";
        }
        if (sourceTimestamp == null) {
            return "no source_timestamp: the original change's version is unknown";
        }
        // The hash tells the original from another record at that offset (a topic deleted and made again).
        return node.path("payload_sha256").isTextual() ? null : "no payload_sha256 to check the original by";
    }

    /** Why the letter does not hold the whole original change, or null when it does. */
    private static String refusal(Instant sourceTimestamp, byte[] payload) {
        if (sourceTimestamp == null) {
            // Sent with a new timestamp it would be a newer change, able to undo a later delete or update.
            return "no source_timestamp: the original change's version is unknown";
        }
        if (payload == null) {
            return "no payload, or payload_base64 is not base64";
        }
        return payload.length == 0 ? "the original message was empty" : null;
    }

    /** The payload as it was sent, or null when the letter holds none that can be read. */
    private static byte[] payload(JsonNode node) {
        if (node.path("payload").isTextual()) {
            return node.get("payload").textValue().getBytes(StandardCharsets.UTF_8);
        }
        if (!node.path("payload_base64").isTextual()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(node.get("payload_base64").textValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Source source(JsonNode node) {
        if (!node.path("source_topic").isTextual() || !node.path("source_partition").isInt()
                || !node.path("source_offset").isIntegralNumber()) {
            return null;
        }
        return new Source(node.get("source_topic").textValue(), node.get("source_partition").intValue(),
                node.get("source_offset").longValue());
    }

    private static Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.textValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
