package org.imagesearch.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Map;
import org.imagesearch.json.Json;
import org.imagesearch.json.Storable;

/**
 * Parses and validates the JSON ingest message (format in the README). Every problem becomes a
 * {@link MalformedMessageException} naming the field at fault (a dead letter at stage {@code parse}).
 */
public final class IngestMessageParser {
    static final int MAX_LABEL_LENGTH = 512;
    static final int MAX_METADATA_BYTES = 16 * 1024;
    static final int MAX_METADATA_DEPTH = 16;
    private static final MetadataLimits METADATA_LIMITS = new MetadataLimits(MAX_METADATA_BYTES, MAX_METADATA_DEPTH);

    public IngestMessage parse(byte[] payload) throws MalformedMessageException {
        if (payload == null || payload.length == 0) {
            throw reject("empty message");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw reject("not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw reject("unreadable message: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw reject("message must be a JSON object");
        }
        long id = parseId(root.get("id"));
        try {
            return parseFields(root, id);
        } catch (MalformedMessageException e) {
            throw new MalformedMessageException(e.getMessage(), id);
        }
    }

    private static IngestMessage parseFields(JsonNode root, long id) throws MalformedMessageException {
        IngestMessage.Operation op = parseOp(root.get("op"));
        Long version = parseVersion(root.get("version"));
        if (op == IngestMessage.Operation.DELETE) {
            return delete(root, id, version);
        }
        String uri = optionalText(root, "uri");
        String bytesField = optionalText(root, "bytes");
        if ((uri == null) == (bytesField == null)) {
            throw reject("exactly one of \"uri\" and \"bytes\" is required for an upsert");
        }
        byte[] bytes = null;
        if (bytesField != null) {
            try {
                bytes = Base64.getDecoder().decode(bytesField);
            } catch (IllegalArgumentException e) {
                throw reject("\"bytes\" is not valid base64: " + e.getMessage());
            }
            if (bytes.length == 0) {
                throw reject("\"bytes\" is empty");
            }
        }
        String label = parseClass(root);
        JsonNode metadata = root.get("metadata");
        String metadataJson = null;
        if (metadata != null && !metadata.isNull()) {
            if (!metadata.isObject()) {
                throw reject("\"metadata\" must be a JSON object");
            }
            String problem = Storable.problemIn(metadata);
            if (problem != null) {
                throw reject("\"metadata\" contains " + problem);
            }
            metadataJson = metadata.toString();
            String overLimit = METADATA_LIMITS.problemIn(metadata, metadataJson);
            if (overLimit != null) {
                throw reject("\"metadata\" " + overLimit);
            }
        }
        return new IngestMessage(id, op, version, uri, bytes, label, metadataJson);
    }

    /**
     * A delete that also carries an image, class or metadata is ambiguous: the producer may have meant an upsert,
     * so it is refused rather than guessed at.
     */
    private static IngestMessage delete(JsonNode root, long id, Long version) throws MalformedMessageException {
        for (Map.Entry<String, JsonNode> property : root.properties()) {
            String field = property.getKey();
            if (!field.equals("id") && !field.equals("op") && !field.equals("version")) {
                throw reject("a delete carries only \"id\", \"op\" and \"version\", not " + abbreviate("\"" + field + "\""));
            }
        }
        return IngestMessage.delete(id, version);
    }

    private static long parseId(JsonNode node) throws MalformedMessageException {
        if (node == null || node.isNull()) {
            throw reject("missing \"id\"");
        }
        return parseLong("id", node);
    }

    /** The change's own version, or null if the message gives none. */
    private static Long parseVersion(JsonNode node) throws MalformedMessageException {
        if (node == null || node.isNull()) {
            return null;
        }
        long version = parseLong("version", node);
        if (version < 0) {
            throw reject("\"version\" must not be negative, got " + version);
        }
        return version;
    }

    /** A 64-bit integer given as a JSON number or, for readers whose numbers are doubles, a string of digits. */
    private static long parseLong(String field, JsonNode node) throws MalformedMessageException {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual() && node.textValue().matches("-?[0-9]{1,19}")) {
            try {
                return Long.parseLong(node.textValue());
            } catch (NumberFormatException e) {
                // falls through to the rejection below
            }
        }
        throw reject("\"" + field + "\" must be a 64-bit integer, got " + abbreviate(node.toString()));
    }

    private static IngestMessage.Operation parseOp(JsonNode node) throws MalformedMessageException {
        if (node == null || node.isNull()) {
            return IngestMessage.Operation.UPSERT;
        }
        return switch (node.asText()) {
            case "upsert" -> IngestMessage.Operation.UPSERT;
            case "delete" -> IngestMessage.Operation.DELETE;
            default -> throw reject("\"op\" must be \"upsert\" or \"delete\", got " + abbreviate(node.toString()));
        };
    }

    /**
     * The image's class: the field {@code class}, as the column, filters and answers name it, or
     * {@code label}, accepted for producers written against earlier versions. Both at once is ambiguous.
     */
    private static String parseClass(JsonNode root) throws MalformedMessageException {
        if (root.has("class") && root.has("label")) {
            throw reject("give the class as \"class\" or as \"label\", not both");
        }
        String field = root.has("label") ? "label" : "class";
        String label = optionalText(root, field);
        if (label != null && label.length() > MAX_LABEL_LENGTH) {
            throw reject("\"" + field + "\" is longer than " + MAX_LABEL_LENGTH + " characters");
        }
        String problem = label == null ? null : Storable.problemIn(label);
        if (problem != null) {
            throw reject("\"" + field + "\" contains " + problem);
        }
        return label;
    }

    private static String optionalText(JsonNode root, String field) throws MalformedMessageException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw reject("\"" + field + "\" must be a string");
        }
        return node.textValue();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static MalformedMessageException reject(String reason) {
        return new MalformedMessageException(reason, null);
    }
}
