package org.imagesearch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * How much metadata one row may carry. Every answer repeats the metadata of up to k rows, so it is bounded by
 * size (k rows of it must fit in one answer) and by nesting depth (an answer wraps it three levels deeper, and
 * JSON writers refuse documents past a depth: 999-deep metadata made every search that found it fail).
 */
final class MetadataLimits {
    private final int maxBytes;
    private final int maxDepth;

    MetadataLimits(int maxBytes, int maxDepth) {
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
    }

    /** Why {@code metadata}, serialised as {@code json}, is over a limit, or null. */
    String problemIn(JsonNode metadata, String json) {
        int depth = depth(metadata);
        if (depth > maxDepth) {
            return "is nested " + depth + " levels deep, more than the limit of " + maxDepth;
        }
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            return "is " + bytes + " bytes as JSON, more than the limit of " + maxBytes;
        }
        return null;
    }

    /** Levels of objects and arrays: 1 for {}, 2 for {"a": []}. The parser already bounds it, so recursion is safe. */
    private static int depth(JsonNode node) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }
}
