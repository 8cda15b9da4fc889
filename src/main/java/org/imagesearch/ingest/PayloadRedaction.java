package org.imagesearch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.imagesearch.image.Redaction;
import org.imagesearch.json.Json;

/**
 * Keeps credentials out of the copy of a message that a dead letter carries. A message's {@code uri} may hold a
 * user's password or a signed URL's token (user info, query string); the dead-letter topic is read by whoever
 * operates the pipeline, so the letter keeps the {@code uri} without them, and a replay reads the untouched
 * original from the source topic instead ({@link StoredDeadLetter}).
 */
final class PayloadRedaction {
    private PayloadRedaction() {}

    /** {@code text} with credentials removed; the same instance when there were none. */
    static String redact(String text) {
        ObjectNode message = objectOrNull(text);
        if (message == null || !message.path("uri").isTextual()) {
            // Not a message this project reads: mask what looks like user info or a password parameter.
            return Redaction.text(text);
        }
        String uri = message.get("uri").textValue();
        String kept = Redaction.reference(uri);
        if (kept.equals(uri)) {
            return text;
        }
        message.put("uri", kept);
        return message.toString();
    }

    private static ObjectNode objectOrNull(String text) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            return node instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }
}
