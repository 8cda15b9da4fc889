package org.imagesearch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A CRD's OpenAPI v3 schema closed against unknown fields: an object whose schema lists its properties takes no
 * others, unless it says {@code x-kubernetes-preserve-unknown-fields}. As written, OpenAPI lets unlisted
 * properties through and the API server prunes them (with a warning at most), so a misspelt field would vanish
 * instead of being refused.
 */
final class ClosedSchema {
    private static final List<String> SCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf");

    private ClosedSchema() {}

    static ObjectNode close(JsonNode schema) {
        ObjectNode closed = schema.deepCopy();
        closeInPlace(closed);
        return closed;
    }

    // Walks the schema's own structure (properties, items, ...), so that a property named like a keyword
    // ("items" of a ConfigMap volume, "type" of a securityContext's seccompProfile) is no keyword here.
    private static void closeInPlace(ObjectNode schema) {
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            if (!schema.has("additionalProperties")
                    && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                schema.put("additionalProperties", false);
            }
            properties.forEach(ClosedSchema::closeSubSchema);
        }
        closeSubSchema(schema.get("items"));
        closeSubSchema(schema.get("additionalProperties"));
        closeSubSchema(schema.get("not"));
        SCHEMA_LISTS.forEach(list -> schema.path(list).forEach(ClosedSchema::closeSubSchema));
    }

    private static void closeSubSchema(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            closeInPlace(object);
        }
    }
}
