package org.imagesearch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.imagesearch.config.Settings;

/**
 * The FlinkDeployment schema (v1beta1) of the Flink Kubernetes Operator's own CRD in the shared folder
 * ({@code IMAGE_SEARCH_SHARED_DIR}, else {@code ../shared}), closed against unknown fields.
 */
final class FlinkDeploymentSchema {
    static final Path CRD = Settings.sharedDir()
            .resolve("k8s/flink-kubernetes-operator/flinkdeployments.flink.apache.org-v1.yml");

    // A CRD's schema is OpenAPI 3.0's with Kubernetes' extensions, which say how the API server stores a field;
    // x-kubernetes-int-or-string comes with its anyOf, and preserve-unknown-fields is read by ClosedSchema.
    private static final Dialect CRD_DIALECT = Dialect.builder(Dialects.getOpenApi30())
            .keyword(new AnnotationKeyword("x-kubernetes-int-or-string"))
            .keyword(new AnnotationKeyword("x-kubernetes-preserve-unknown-fields"))
            .build();

    private final Schema schema;

    private FlinkDeploymentSchema(Schema schema) {
        this.schema = schema;
    }

    static FlinkDeploymentSchema load() throws IOException {
        if (!Files.isRegularFile(CRD)) {
            throw new IllegalStateException("no FlinkDeployment CRD at " + CRD + " (set IMAGE_SEARCH_SHARED_DIR)");
        }
        JsonNode crd = Yaml.documents(CRD).get(0);
        JsonNode version = StreamSupport.stream(crd.path("spec").path("versions").spliterator(), false)
                .filter(candidate -> "v1beta1".equals(candidate.path("name").asText()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no v1beta1 in " + CRD));
        ObjectNode root = ClosedSchema.close(version.path("schema").path("openAPIV3Schema"));
        // The API server checks a resource's apiVersion, kind and metadata itself: the CRD's schema leaves them
        // out, and closed it would refuse them. (The metadata's own fields: StrictKubernetesReader.)
        ObjectNode properties = (ObjectNode) root.get("properties");
        properties.putObject("apiVersion").putArray("enum").add("flink.apache.org/v1beta1");
        properties.putObject("kind").putArray("enum").add("FlinkDeployment");
        properties.putObject("metadata").put("type", "object");
        root.putArray("required").add("apiVersion").add("kind").add("metadata").add("spec");
        return new FlinkDeploymentSchema(SchemaRegistry.withDefaultDialect(CRD_DIALECT).getSchema(root));
    }

    /** What the schema refuses in {@code resource}, each with its place; empty when it is valid. */
    List<String> violations(JsonNode resource) {
        return schema.validate(resource).stream().map(Error::toString).toList();
    }
}
