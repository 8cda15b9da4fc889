package org.imagesearch.config;

import java.io.Serializable;
import java.util.regex.Pattern;
import org.imagesearch.embed.DistanceMetric;

/**
 * The vector table: name, vector dimension, distance, HNSW parameters and how vectors are stored. Validated on
 * construction, because the name and numbers end up in DDL where parameters cannot be bound.
 */
public record TableSpec(String name, int dimension, DistanceMetric distance, int hnswM, int hnswEfConstruction,
                        VectorType vectorType) implements Serializable {

    /** Lower-case SQL identifier, short enough that derived index and table names stay under 63 bytes. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,47}");

    public TableSpec {
        requireName(name);
        if (dimension < 1 || dimension > 16_000) {
            throw new IllegalArgumentException("dimension must be in 1..16000, got " + dimension);
        }
        if (distance == null) {
            throw new IllegalArgumentException("distance is required");
        }
        if (vectorType == null) {
            throw new IllegalArgumentException("vector type is required");
        }
        if (hnswM < 2 || hnswM > 100) {
            throw new IllegalArgumentException("hnsw m must be in 2..100 (pgvector's range), got " + hnswM);
        }
        if (hnswEfConstruction < 4 || hnswEfConstruction > 1000 || hnswEfConstruction < 2 * hnswM) {
            throw new IllegalArgumentException(
                    "hnsw ef_construction must be in 4..1000 and at least 2*m, got " + hnswEfConstruction);
        }
    }

    /**
     * {@code name} if it is a table name this project may put into SQL text, where identifiers cannot be bound
     * (an alias's target is read back from a table, so it is checked again before use).
     */
    public static String requireName(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "table name must match " + IDENTIFIER.pattern() + " (lower case, digits, underscore), got '" + name + "'");
        }
        return name;
    }

    /** A table of 4-byte {@code vector}s. */
    public TableSpec(String name, int dimension, DistanceMetric distance, int hnswM, int hnswEfConstruction) {
        this(name, dimension, distance, hnswM, hnswEfConstruction, VectorType.VECTOR);
    }

    public TableSpec withName(String newName) {
        return new TableSpec(newName, dimension, distance, hnswM, hnswEfConstruction, vectorType);
    }

    public TableSpec withDimension(int newDimension) {
        return new TableSpec(name, newDimension, distance, hnswM, hnswEfConstruction, vectorType);
    }

    public TableSpec withVectorType(VectorType newType) {
        return new TableSpec(name, dimension, distance, hnswM, hnswEfConstruction, newType);
    }

    /** The vector column's type, e.g. {@code vector(512)}. */
    public String columnType() {
        return vectorType.columnType(dimension);
    }

    /** The HNSW index's operator class, for this storage type and distance. */
    public String operatorClass() {
        return vectorType.operatorClass(distance);
    }

    public String indexName() {
        return name + "_vector_hnsw";
    }

    /** The index on {@code updated_at}, which the ingest rate counts the last minute's rows by. */
    public String updatedAtIndexName() {
        return name + "_updated_at";
    }

    /** The index on {@code duplicate_of}, by which a group's members are found. */
    public String duplicateOfIndexName() {
        return name + "_duplicate_of";
    }

    /** The side table of deleted ids and their versions (see {@code VectorTableSql}). */
    public String tombstoneTableName() {
        return name + "_tombstones";
    }

    /** The side table of watched vectors, each with the distance within which a new image raises an alert. */
    public String watchTableName() {
        return name + "_watches";
    }
}
