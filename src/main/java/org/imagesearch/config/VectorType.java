package org.imagesearch.config;

import org.imagesearch.embed.DistanceMetric;

/**
 * How the table stores its vectors: pgvector's {@code vector} (4-byte floats) or {@code halfvec} (2-byte floats,
 * pgvector 0.7 or newer), which halves the table and the HNSW index for a small loss of precision.
 */
public enum VectorType {
    VECTOR("vector"),
    HALFVEC("halfvec");

    private final String sqlName;

    VectorType(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The SQL type name, also what a bound vector is cast to. */
    public String sqlName() {
        return sqlName;
    }

    /** The column type, e.g. {@code halfvec(512)}, as {@code format_type} prints it. */
    public String columnType(int dimension) {
        return sqlName + "(" + dimension + ")";
    }

    /** The HNSW operator class, e.g. {@code halfvec_cosine_ops}. */
    public String operatorClass(DistanceMetric distance) {
        return sqlName + "_" + distance.operatorClassSuffix();
    }

    public static VectorType parse(String name) {
        return switch (name.toLowerCase()) {
            case "vector" -> VECTOR;
            case "halfvec" -> HALFVEC;
            default -> throw new IllegalArgumentException("--vector-type must be vector or halfvec, got '" + name + "'");
        };
    }
}
