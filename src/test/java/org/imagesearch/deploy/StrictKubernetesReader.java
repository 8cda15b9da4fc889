package org.imagesearch.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.util.Map;

/**
 * Kubernetes core objects read into fabric8's typed model, refusing fields the model does not have. fabric8's
 * classes collect unknown fields in an any-setter ({@code additionalProperties}); with the any-setters
 * removed, FAIL_ON_UNKNOWN_PROPERTIES applies and a misspelt field fails with its path.
 */
final class StrictKubernetesReader {
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "ConfigMap", ConfigMap.class,
            "Secret", Secret.class,
            "PersistentVolumeClaim", PersistentVolumeClaim.class,
            "Deployment", Deployment.class,
            "Service", Service.class);

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                        BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    return builder;
                }
            }));

    static boolean hasModelFor(String kind) {
        return KINDS.containsKey(kind);
    }

    HasMetadata read(JsonNode object) throws IOException {
        Class<? extends HasMetadata> type = KINDS.get(object.path("kind").asText());
        if (type == null) {
            throw new IllegalArgumentException("no typed model for kind " + object.path("kind"));
        }
        return mapper.treeToValue(object, type);
    }

    /** The metadata of any object, custom resources too. */
    ObjectMeta readMetadata(JsonNode object) throws IOException {
        return mapper.treeToValue(object.path("metadata"), ObjectMeta.class);
    }
}
