package org.imagesearch.embed;

/** The distance the HNSW index is built for and queries order by. */
public enum DistanceMetric {
    L2("<->", "l2_ops"),
    COSINE("<=>", "cosine_ops");

    private final String operator;
    private final String operatorClassSuffix;

    DistanceMetric(String operator, String operatorClassSuffix) {
        this.operator = operator;
        this.operatorClassSuffix = operatorClassSuffix;
    }

    /** The pgvector operator, e.g. {@code <->} for L2 (equal to {@code l2_distance}). */
    public String operator() {
        return operator;
    }

    /** The HNSW operator class after the storage type's name: {@code vector_l2_ops}, {@code halfvec_cosine_ops}. */
    public String operatorClassSuffix() {
        return operatorClassSuffix;
    }

    public static DistanceMetric parse(String name) {
        return switch (name.toLowerCase()) {
            case "l2", "euclidean" -> L2;
            case "cosine" -> COSINE;
            default -> throw new IllegalArgumentException("--distance must be l2 or cosine, got '" + name + "'");
        };
    }
}
