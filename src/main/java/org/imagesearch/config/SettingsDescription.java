package org.imagesearch.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.json.Json;

/**
 * The settings that shape vectors and answers, as one JSON object: what the search service's stats, the
 * benchmarks and the evaluation print, so their outputs name the same facts the same way.
 */
public final class SettingsDescription {
    private SettingsDescription() {}

    public static ObjectNode of(Settings settings) {
        TableSpec table = settings.database().table();
        DescriptorTag tag = settings.model().tag();
        ObjectNode node = Json.object();
        node.put("table", table.name());
        node.put("dimension", table.dimension());
        node.put("distance", table.distance().name().toLowerCase());
        node.put("model", tag.model());
        node.put("descriptor", tag.descriptor());
        node.put("input_size", tag.inputSize());
        if (tag.projectionVersion() == null) {
            node.putNull("projection");
        } else {
            node.put("projection", tag.projectionVersion());
        }
        node.put("query_expansion", settings.search().queryExpansion());
        node.putObject("index").put("type", "hnsw").put("vector_type", table.vectorType().sqlName()).put("m", table.hnswM())
                .put("ef_construction", table.hnswEfConstruction()).put("ef_search", settings.search().efSearch());
        node.putObject("job").put("parallelism", settings.job().parallelism())
                .put("embed_batch_size", settings.embedBatchSize())
                .put("sink_batch_size", settings.job().sinkBatchSize())
                .put("sink_batch_interval_ms", settings.job().sinkBatchInterval().toMillis());
        return node;
    }
}
