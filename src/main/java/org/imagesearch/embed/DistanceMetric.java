package org.imagesearch.embed;

/** The distance the HNSW index is built for and queries order by. */
public enum DistanceMetric {
    L2("<->", "vector_l2_ops"),
    COSINE("<=>", "vector_cosine_ops");

    private final String operator;
    private final String operatorClass;

    DistanceMetric(String operator, String operatorClass) {
        this.operator = operator;
        this.operatorClass = operatorClass;
    }

    /** The pgvector operator, e.g. {@code <->} for L2 (equal to {@code l2_distance}). */
    public String operator() {
        return operator;
    }

    public String operatorClass() {
        return operatorClass;
    }

    public static DistanceMetric parse(String name) {
        return switch (name.toLowerCase()) {
            case "l2", "euclidean" -> L2;
            case "cosine" -> COSINE;
            default -> throw new IllegalArgumentException("--distance must be l2 or cosine, got '" + name + "'");
        };
    }
}
