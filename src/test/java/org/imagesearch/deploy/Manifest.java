package org.imagesearch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One Kubernetes object of deploy/k8s, as written, and the file it is in. */
record Manifest(Path file, JsonNode node) {
    /** Every object of every YAML file in {@code folder}. */
    static List<Manifest> allIn(Path folder) throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                Yaml.documents(file).forEach(node -> manifests.add(new Manifest(file, node)));
            }
        }
        return manifests;
    }

    String kind() {
        return node.path("kind").asText();
    }

    String name() {
        return node.path("metadata").path("name").asText();
    }

    @Override
    public String toString() {
        return kind() + " " + name() + " (" + file.getFileName() + ")";
    }
}
