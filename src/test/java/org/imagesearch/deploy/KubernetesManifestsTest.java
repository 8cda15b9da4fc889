package org.imagesearch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.imagesearch.config.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * deploy/k8s as a cluster would take it: the FlinkDeployments against the operator's own CRD schema, the core
 * objects in their typed model, both refusing unknown fields; and what ties the files together (the cluster
 * settings of deploy/flink/config.yaml, the objects they name, the parallelism).
 */
class KubernetesManifestsTest {
    private static final Path PROJECT = Settings.projectDir();

    private static List<Manifest> manifests;
    private static FlinkDeploymentSchema schema;
    private final StrictKubernetesReader reader = new StrictKubernetesReader();

    @BeforeAll
    static void load() throws IOException {
        manifests = Manifest.allIn(PROJECT.resolve("deploy/k8s"));
        schema = FlinkDeploymentSchema.load();
    }

    @Test
    void theFlinkDeploymentsMatchTheOperatorsSchema() throws IOException {
        assertEquals(Set.of("image-search-ingest", "image-search-query"),
                flinkDeployments().stream().map(Manifest::name).collect(Collectors.toSet()));
        for (Manifest deployment : flinkDeployments()) {
            assertEquals(List.of(), schema.violations(deployment.node()), deployment.toString());
            reader.readMetadata(deployment.node());
        }
    }

    @ParameterizedTest
    @CsvSource({"/spec/job, jarURI, jarUri", "/spec/podTemplate/spec/containers/0, volumeMounts, volumeMount"})
    void aMisspeltFlinkDeploymentFieldIsRefused(String at, String field, String misspelt) {
        JsonNode resource = withRenamedField(flinkDeployments().get(0).node(), at, field, misspelt);

        List<String> violations = schema.violations(resource);
        assertFalse(violations.isEmpty(), "accepted " + at + "/" + misspelt);
        assertTrue(violations.stream().anyMatch(violation -> violation.contains(misspelt)), violations.toString());
    }

    @Test
    void theCoreObjectsReadIntoTheirTypedModel() throws IOException {
        List<Manifest> core = manifests.stream().filter(manifest -> !manifest.kind().equals("FlinkDeployment")).toList();
        assertEquals(Set.of("ConfigMap", "Secret", "PersistentVolumeClaim", "Deployment", "Service"),
                core.stream().map(Manifest::kind).collect(Collectors.toSet()));
        for (Manifest manifest : core) {
            assertTrue(StrictKubernetesReader.hasModelFor(manifest.kind()), manifest.toString());
            assertEquals(manifest.name(), reader.read(manifest.node()).getMetadata().getName());
        }
    }

    @Test
    void aMisspeltCoreFieldIsRefused() {
        JsonNode deployment = withRenamedField(only("Deployment").node(), "/spec", "replicas", "replica");

        UnrecognizedPropertyException refused = assertThrows(UnrecognizedPropertyException.class,
                () -> reader.read(deployment));
        assertEquals("replica", refused.getPropertyName());
    }

    @Test
    void theFlinkDeploymentsCarryTheClusterSettings() throws IOException {
        Map<String, String> cluster = flattened(Yaml.documents(PROJECT.resolve("deploy/flink/config.yaml")).get(0));
        assertTrue(cluster.containsKey("execution.checkpointing.dir"), cluster.toString());
        for (Manifest deployment : flinkDeployments()) {
            Map<String, String> configuration = flattened(deployment.node().path("spec").path("flinkConfiguration"));
            cluster.forEach((key, value) -> assertEquals(value, configuration.get(key), deployment + ": " + key));
        }
    }

    /** The job sets its parallelism from --parallelism; the operator sizes the task managers by job.parallelism. */
    @Test
    void theJobsParallelismIsTheOperators() {
        for (Manifest deployment : flinkDeployments()) {
            JsonNode job = deployment.node().path("spec").path("job");
            List<String> args = new ArrayList<>();
            job.path("args").forEach(arg -> args.add(arg.asText()));
            int flag = args.indexOf("--parallelism");
            assertTrue(flag >= 0 && flag + 1 < args.size(), deployment + ": " + args);
            assertEquals(job.path("parallelism").asText(), args.get(flag + 1), deployment.toString());
        }
    }

    @Test
    void everyObjectNamedIsDefinedHere() throws IOException {
        Secret secret = (Secret) reader.read(only("Secret").node());
        for (Manifest manifest : manifests) {
            for (JsonNode ref : manifest.node().findValues("secretKeyRef")) {
                assertEquals(secret.getMetadata().getName(), ref.path("name").asText(), manifest.toString());
                assertTrue(secret.getStringData().containsKey(ref.path("key").asText()), manifest + ": " + ref);
            }
            for (JsonNode ref : manifest.node().findValues("configMapRef")) {
                assertEquals(only("ConfigMap").name(), ref.path("name").asText(), manifest.toString());
            }
            for (JsonNode claim : manifest.node().findValues("persistentVolumeClaim")) {
                assertEquals(only("PersistentVolumeClaim").name(), claim.path("claimName").asText(), manifest.toString());
            }
        }
    }

    /** Service links would set IMAGE_SEARCH_PORT and the like, which the options read as defaults. */
    @Test
    void noPodGetsServiceLinks() {
        List<JsonNode> podSpecs = new ArrayList<>();
        flinkDeployments().forEach(deployment -> podSpecs.add(deployment.node().at("/spec/podTemplate/spec")));
        podSpecs.add(only("Deployment").node().at("/spec/template/spec"));
        for (JsonNode podSpec : podSpecs) {
            assertEquals("false", podSpec.path("enableServiceLinks").asText(), podSpec.toString());
        }
    }

    private static List<Manifest> flinkDeployments() {
        return manifests.stream().filter(manifest -> manifest.kind().equals("FlinkDeployment")).toList();
    }

    private static Manifest only(String kind) {
        List<Manifest> ofKind = manifests.stream().filter(manifest -> manifest.kind().equals(kind)).toList();
        assertEquals(1, ofKind.size(), kind + ": " + ofKind);
        return ofKind.get(0);
    }

    private static JsonNode withRenamedField(JsonNode resource, String at, String field, String renamed) {
        JsonNode copy = resource.deepCopy();
        ObjectNode parent = (ObjectNode) copy.at(at);
        parent.set(renamed, parent.remove(field));
        return copy;
    }

    /** Flink's view of a YAML configuration: nested keys joined with dots, every value as text. */
    private static Map<String, String> flattened(JsonNode configuration) {
        Map<String, String> flat = new TreeMap<>();
        configuration.fields().forEachRemaining(entry -> {
            if (entry.getValue().isObject()) {
                flattened(entry.getValue()).forEach((key, value) -> flat.put(entry.getKey() + "." + key, value));
            } else {
                flat.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return flat;
    }
}
