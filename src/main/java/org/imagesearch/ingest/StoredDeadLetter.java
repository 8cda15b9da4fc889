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
 * same version. A letter that kept less than that says why it cannot be sent again.
 *
 * @param stage           the stage's label, null when the record is no dead letter
 * @param failedAt        when the stage refused the message, null if unknown
 * @param sourceTimestamp the original record's timestamp, null if unknown
 * @param key             the dead-letter record's key: the original one unless the letter says {@code key_hashed}
 * @param payload         the original message, null when {@code unreplayable}
 * @param unreplayable    why the original cannot be sent again, null when it can
 */
public record StoredDeadLetter(String stage, String reason, Long id, Instant failedAt, Instant sourceTimestamp,
                               byte[] key, byte[] payload, String unreplayable) {

    public static StoredDeadLetter parse(byte[] key, byte[] value) {
        JsonNode node;
        try {
            node = value == null ? null : Json.MAPPER.readTree(value);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.path("stage").isTextual()) {
            return new StoredDeadLetter(null, null, null, null, null, key, null, "not a dead letter");
        }
        Instant sourceTimestamp = instant(node.path("source_timestamp"));
        byte[] payload = payload(node);
        String unreplayable = refusal(node, sourceTimestamp, payload);
        return new StoredDeadLetter(node.get("stage").asText(), node.path("reason").asText(""),
                node.path("id").isIntegralNumber() ? node.get("id").longValue() : null,
                instant(node.path("failed_at")), sourceTimestamp, key, unreplayable == null ? payload : null,
                unreplayable);
    }

    public boolean isReplayable() {
        return unreplayable == null;
    }

    /** Why the letter does not hold the whole original change, or null when it does. */
    private static String refusal(JsonNode node, Instant sourceTimestamp, byte[] payload) {
        if (node.path("payload_truncated").asBoolean()) {
            return "only the first " + DeadLetterSerializer.MAX_EMBEDDED_PAYLOAD_BYTES + " of "
                    + node.path("payload_bytes").asLong() + " bytes of the message were kept";
        }
        if (node.path("key_hashed").asBoolean()) {
            return "the key was longer than " + DeadLetterSerializer.MAX_KEY_BYTES + " bytes: only its SHA-256 was kept";
        }
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
