package org.imagesearch.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The project's one JSON mapper, and how numbers are written in its reports. */
public final class Json {
    /**
     * Reads strictly: a duplicate key or anything after the value is an error, so a message from any producer
     * means exactly one thing. Every message and query format is read with it.
     */
    public static final ObjectMapper MAPPER = strict(StreamReadConstraints.DEFAULT_MAX_DEPTH);

    private Json() {}

    /** A mapper reading like {@link #MAPPER} that refuses documents nested deeper than {@code maxDepth}. */
    public static ObjectMapper strict(int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code value} rounded to {@code decimals} places, as reports and benchmarks print it. */
    public static double rounded(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
