package org.imagesearch.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.json.Json;

/** Writes ingest messages in the JSON format that {@code IngestMessageParser} reads (see README). */
public final class IngestMessageWriter {
    private IngestMessageWriter() {}

    public static byte[] upsert(long id, DatasetImage image) {
        ObjectNode node = Json.object();
        node.put("id", id);
        if (image.bytes() != null) {
            node.put("bytes", Base64.getEncoder().encodeToString(image.bytes()));
        } else {
            node.put("uri", image.uri());
        }
        if (image.label() != null) {
            node.put("class", image.label());
        }
        if (image.metadata() != null && !image.metadata().isEmpty()) {
            node.set("metadata", Json.MAPPER.valueToTree(image.metadata()));
        }
        node.put("op", "upsert");
        return bytes(node);
    }

    public static byte[] delete(long id) {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("op", "delete");
        return bytes(node);
    }

    public static byte[] key(long id) {
        return Long.toString(id).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
