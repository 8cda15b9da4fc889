package org.imagesearch.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import org.imagesearch.embed.DistanceMetric;
import org.imagesearch.json.Json;
import org.imagesearch.json.Storable;
import org.imagesearch.store.StoredImage;

/**
 * The JSON form of queries and answers, shared by the query job and the search service:
 * <pre>
 * {"request_id": "r1", "image": {"uri": "..."} | {"bytes": "&lt;base64&gt;"} | "id": 123 | "vector": [...],
 *  "k": 20, "distance": "l2" | "cosine", "filter": {"class": "cat", "metadata": {"key": "value"}}, "ef_search": 100,
 *  "expansion": 5}
 * {"request_id": "r1", "results": [{"id": 7, "id_str": "7", "class": "cat", "distance": 1.5, "metadata": {...}}], "took_ms": 4.2,
 *  "query": {"id": 123, "id_str": "123", "class": "dog", "metadata": {...}}}
 * {"request_id": "r1", "error": "k must be in 1..100, got 0"}
 * </pre>
 * An answer to a search by id carries the stored image it started from as {@code query}; other answers have none.
 */
public final class QueryJson {
    /**
     * Rows stored before ingestion bounded metadata may be nested past what a JSON writer accepts inside an answer;
     * such a row is answered without its metadata, with a reason, instead of failing the whole answer.
     */
    static final int MAX_STORED_METADATA_DEPTH = 64;
    private static final ObjectMapper STORED_METADATA = Json.strict(MAX_STORED_METADATA_DEPTH);

    private QueryJson() {}

    public static JsonNode read(byte[] payload) throws InvalidQueryException {
        try {
            JsonNode root = Json.MAPPER.readTree(payload);
            if (root == null || !root.isObject()) {
                throw new InvalidQueryException("a query must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidQueryException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidQueryException("unreadable query: " + e.getMessage());
        }
    }

    /** The caller's request id as text, or null. */
    public static String requestId(JsonNode root) {
        JsonNode id = root.get("request_id");
        return id == null || id.isNull() ? null : id.asText();
    }

    public static Query parse(JsonNode root) throws InvalidQueryException {
        QueryTarget target = target(root);
        int k = integer(root, "k", Query.DEFAULT_K);
        Integer efSearch = root.hasNonNull("ef_search") ? integer(root, "ef_search", 0) : null;
        Integer expansion = root.hasNonNull("expansion") ? integer(root, "expansion", 0) : null;
        DistanceMetric distance = null;
        if (root.hasNonNull("distance")) {
            try {
                distance = DistanceMetric.parse(root.get("distance").asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidQueryException("\"distance\" must be \"l2\" or \"cosine\"");
            }
        }
        try {
            return new Query(target, k, distance, filter(root.get("filter")), efSearch, false, expansion);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(e.getMessage());
        }
    }

    /** An answer; {@code request_id} only where the caller gave one (the query job echoes it back). */
    public static ObjectNode answer(String requestId, SearchResult result) {
        ObjectNode node = Json.object();
        if (requestId != null) {
            node.put("request_id", requestId);
        }
        node.set("results", results(result.hits()));
        node.put("took_ms", Json.rounded(result.tookMs(), 2));
        if (result.query() != null) {
            StoredImage query = result.query();
            ObjectNode item = node.putObject("query");
            identify(item, query.id(), query.label());
            putMetadata(item, query.metadataJson());
        }
        return node;
    }

    /** The answers as a JSON array: id, class, distance and, where stored, metadata. */
    public static ArrayNode results(List<Hit> hits) {
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (Hit hit : hits) {
            ObjectNode item = results.addObject();
            identify(item, hit.id(), hit.label());
            item.put("distance", hit.distance());
            putMetadata(item, hit.metadataJson());
        }
        return results;
    }

    private static void identify(ObjectNode item, long id, String label) {
        item.put("id", id);
        // JavaScript numbers lose integers above 2^53: pages read the id as text.
        item.put("id_str", Long.toString(id));
        item.put("class", label);
    }

    private static void putMetadata(ObjectNode item, String metadataJson) {
        if (metadataJson != null) {
            try {
                item.set("metadata", STORED_METADATA.readTree(metadataJson));
            } catch (JsonProcessingException e) {
                item.put("metadata_error", "stored metadata cannot be read: " + e.getOriginalMessage());
            }
        }
    }

    public static ObjectNode error(String requestId, String reason) {
        ObjectNode node = Json.object();
        node.put("request_id", requestId);
        node.put("error", reason);
        return node;
    }

    private static QueryTarget target(JsonNode root) throws InvalidQueryException {
        int given = (root.has("image") ? 1 : 0) + (root.has("id") ? 1 : 0) + (root.has("vector") ? 1 : 0);
        if (given != 1) {
            throw new InvalidQueryException("give exactly one of \"image\", \"id\" and \"vector\"");
        }
        if (root.has("id")) {
            JsonNode id = root.get("id");
            if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                throw new InvalidQueryException("\"id\" must be a 64-bit integer");
            }
            return new QueryTarget.ById(id.longValue());
        }
        if (root.has("vector")) {
            JsonNode vector = root.get("vector");
            if (!vector.isArray() || vector.isEmpty()) {
                throw new InvalidQueryException("\"vector\" must be a non-empty array of numbers");
            }
            float[] values = new float[vector.size()];
            for (int i = 0; i < values.length; i++) {
                if (!vector.get(i).isNumber()) {
                    throw new InvalidQueryException("\"vector\" must be a non-empty array of numbers");
                }
                values[i] = vector.get(i).floatValue();
            }
            return new QueryTarget.ByVector(values);
        }
        JsonNode image = root.get("image");
        boolean hasUri = image.hasNonNull("uri");
        boolean hasBytes = image.hasNonNull("bytes");
        if (!image.isObject() || hasUri == hasBytes) {
            throw new InvalidQueryException("\"image\" must be an object with exactly one of \"uri\" and \"bytes\"");
        }
        if (hasUri) {
            return new QueryTarget.ByImage(null, image.get("uri").asText());
        }
        try {
            return new QueryTarget.ByImage(Base64.getDecoder().decode(image.get("bytes").asText()), null);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("\"image.bytes\" is not valid base64");
        }
    }

    private static Filter filter(JsonNode filter) throws InvalidQueryException {
        if (filter == null || filter.isNull()) {
            return Filter.NONE;
        }
        if (!filter.isObject()) {
            throw new InvalidQueryException("\"filter\" must be an object");
        }
        String label = filter.hasNonNull("class") ? filter.get("class").asText() : null;
        JsonNode metadata = filter.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw new InvalidQueryException("\"filter.metadata\" must be an object");
        }
        String problem = metadata == null ? null : Storable.problemIn(metadata);
        if (problem != null) {
            throw new InvalidQueryException("\"filter.metadata\" contains " + problem);
        }
        return new Filter(label, metadata == null || metadata.isNull() ? null : metadata.toString());
    }

    private static int integer(JsonNode root, String field, int fallback) throws InvalidQueryException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidQueryException("\"" + field + "\" must be an integer");
        }
        return node.intValue();
    }
}
