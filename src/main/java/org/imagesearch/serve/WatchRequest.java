package org.imagesearch.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Set;
import org.imagesearch.query.InvalidQueryException;

/**
 * The body of {@code POST /api/watchlist}: {@code {"id": N}} (a stored image) or {@code {"bytes": "<base64>"}} (an
 * image file), with an optional {@code distance} (in the table's metric) and {@code note}.
 */
record WatchRequest(Long id, byte[] bytes, Double distance, String note) {
    private static final Set<String> FIELDS = Set.of("id", "bytes", "distance", "note");

    static WatchRequest parse(JsonNode root) throws InvalidQueryException {
        for (var names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidQueryException("unknown field \"" + name + "\": a watch takes " + FIELDS);
            }
        }
        JsonNode id = root.get("id");
        JsonNode bytes = root.get("bytes");
        if ((id == null) == (bytes == null)) {
            throw new InvalidQueryException("a watch needs exactly one of \"id\" and \"bytes\"");
        }
        if (id != null && !id.canConvertToLong()) {
            throw new InvalidQueryException("\"id\" must be an integer");
        }
        if (bytes != null && !bytes.isTextual()) {
            throw new InvalidQueryException("\"bytes\" must be base64 text");
        }
        JsonNode distance = root.get("distance");
        if (distance != null && !(distance.isNumber() && distance.asDouble() >= 0 && Double.isFinite(distance.asDouble()))) {
            throw new InvalidQueryException("\"distance\" must be a number of at least 0");
        }
        JsonNode note = root.get("note");
        if (note != null && !note.isTextual()) {
            throw new InvalidQueryException("\"note\" must be text");
        }
        return new WatchRequest(id == null ? null : id.asLong(), bytes == null ? null : decode(bytes.asText()),
                distance == null ? null : distance.asDouble(), note == null ? null : note.asText());
    }

    private static byte[] decode(String base64) throws InvalidQueryException {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("\"bytes\" is not valid base64");
        }
    }
}
