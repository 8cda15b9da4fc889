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

    /** The distance pgvector's operator gives, computed here (in double) for two vectors already at hand. */
    public double between(float[] a, float[] b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        double squares = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
            squares += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
        }
        return this == L2 ? Math.sqrt(squares) : 1 - dot / Math.sqrt(aa * bb);
    }
}
