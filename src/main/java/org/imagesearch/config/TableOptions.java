package org.imagesearch.config;

import org.imagesearch.embed.Descriptor;
import org.imagesearch.embed.DistanceMetric;
import picocli.CommandLine.Option;

/**
 * Options for the vector table ({@link TableSpec}). Its dimension and distance follow the descriptor unless
 * given; a command with a table of its own names it ({@link EmbeddingOptions#EmbeddingOptions(String)}).
 */
public final class TableOptions {
    @Option(names = "--table", paramLabel = "NAME",
            description = "the vector table: [a-z_][a-z0-9_]*, at most 48 characters (default: ${DEFAULT-VALUE})")
    private String name;

    @Option(names = "--dimension", paramLabel = "N", description = "vector size, must match the model's output "
            + "(default: 512 for pooled descriptors, 1000 for logits, the projection's size with one)")
    private Integer dimension;

    @Option(names = "--distance", paramLabel = "l2|cosine", description = "l2 (<->, equal to l2_distance) or "
            + "cosine (<=>) (default: cosine for normalised descriptors, l2 for logits)")
    private String distance;

    @Option(names = "--hnsw-m", paramLabel = "N", description = "HNSW index parameter m (default: ${DEFAULT-VALUE})")
    private int hnswM = 16;

    @Option(names = "--hnsw-ef-construction", paramLabel = "N",
            description = "HNSW index parameter ef_construction (default: ${DEFAULT-VALUE})")
    private int hnswEfConstruction = 64;

    @Option(names = "--vector-type", paramLabel = "vector|halfvec", description = "how vectors are stored: vector "
            + "(4-byte floats) or halfvec (2-byte floats: half the table and index, pgvector 0.7+) (default: vector)")
    private String vectorType = "vector";

    @Option(names = "--duplicate-distance", paramLabel = "D|off", description = "an ingested image whose nearest "
            + "other image is at most D away joins that image's group of near-duplicates; in the table's metric "
            + "(default: " + DuplicateDistance.COSINE_DEFAULT + " for cosine, " + DuplicateDistance.L2_DEFAULT
            + " for l2; provisional)")
    private String duplicateDistance;

    TableOptions() {
        this("image_search");
    }

    TableOptions(String defaultName) {
        this.name = defaultName;
    }

    public TableSpec table(Descriptor descriptor) {
        int size = dimension != null ? dimension
                : descriptor.pooled() ? Settings.POOLED_DIMENSION : Settings.LOGITS_DIMENSION;
        DistanceMetric metric = distance != null ? DistanceMetric.parse(distance) : descriptor.naturalDistance();
        return new TableSpec(name, size, metric, hnswM, hnswEfConstruction, VectorType.parse(vectorType));
    }

    /** The near-duplicate distance for {@code metric}, null when off. */
    public Double duplicateDistance(DistanceMetric metric) {
        return DuplicateDistance.parse(duplicateDistance, metric);
    }
}
