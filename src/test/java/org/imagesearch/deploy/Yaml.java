package org.imagesearch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** YAML files as Jackson trees: every document of a file, for manifests that hold several. */
final class Yaml {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    private Yaml() {}

    static List<JsonNode> documents(Path file) throws IOException {
        try (var documents = MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return documents.readAll().stream().filter(node -> !node.isMissingNode() && !node.isNull()).toList();
        }
    }
}
