package org.imagesearch.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a PostgreSQL text or jsonb column cannot store as given. NUL fails the whole JDBC batch on every retry;
 * a lone UTF-16 surrogate (half of a character) would be stored as '?'; a number too large for a double, which
 * Jackson reads as infinite, would be stored as the string "Infinity".
 */
public final class Storable {
    private Storable() {}

    /** Why {@code text} cannot be stored, or null. */
    public static String problemIn(String text) {
        if (text.indexOf('\0') >= 0) {
            return "a NUL character, which PostgreSQL cannot store";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "a lone UTF-16 surrogate (half of a character), which cannot be stored as text";
            }
        }
        return null;
    }

    /** Why {@code json} cannot be stored as jsonb, or null: the first problem in any key, string or number. */
    public static String problemIn(JsonNode json) {
        if (json.isTextual()) {
            return problemIn(json.textValue());
        }
        if ((json.isDouble() || json.isFloat()) && !Double.isFinite(json.doubleValue())) {
            return "a number too large to store (it reads as " + json.doubleValue() + ")";
        }
        if (json.isArray()) {
            for (JsonNode element : json) {
                String problem = problemIn(element);
                if (problem != null) {
                    return problem;
                }
            }
        }
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            String problem = problemIn(field.getKey());
            if (problem == null) {
                problem = problemIn(field.getValue());
            }
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
