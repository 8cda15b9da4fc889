package org.imagesearch.reference;

/**
 * The reference walk-through's SQL: its own table {@code image_search(id integer primary key, class text,
 * image_vector real[])}, kept in the schema {@code reference} so it never meets the project's table, with
 * an HNSW index on the cast expression {@code (image_vector::vector(N))}, and its query
 * ({@code l2_distance}, ordered by {@code <->} on the same expression, 20 rows).
 * Identifiers are fixed here; the dimension is a validated int; every value is a bound parameter.
 */
public final class ReferenceSql {
    public static final String SCHEMA = "reference";
    public static final String TABLE = SCHEMA + ".image_search";
    /** Unqualified, as EXPLAIN prints it; the index lives in the table's schema. */
    public static final String INDEX = "reference_image_search_hnsw";
    /** The reference's {@code LIMIT 20}: the query image itself first (distance 0), then its 19 nearest others. */
    public static final int NEIGHBOURS = 20;
    /** pgvector's HNSW index takes {@code vector} of at most 2,000 dimensions. */
    static final int MAX_DIMENSION = 2000;

    private final int dimension;
    private final String castVector;

    public ReferenceSql(int dimension) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("the reference's vector dimension must be in 1.." + MAX_DIMENSION
                    + " (pgvector's HNSW limit), got " + dimension);
        }
        this.dimension = dimension;
        this.castVector = "image_vector::vector(" + dimension + ")";
    }

    public int dimension() {
        return dimension;
    }

    public String createSchema() {
        return "CREATE SCHEMA IF NOT EXISTS " + SCHEMA;
    }

    public String createTable() {
        return "CREATE TABLE IF NOT EXISTS " + TABLE + " (id integer PRIMARY KEY, class text, image_vector real[])";
    }

    public String createIndex() {
        return "CREATE INDEX IF NOT EXISTS " + INDEX + " ON " + TABLE + " USING hnsw ((" + castVector + ") vector_l2_ops)";
    }

    /** The index's definition as PostgreSQL prints it, or no row if it is missing. */
    public String indexDefinition() {
        return "SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND indexname = ?";
    }

    /** How PostgreSQL prints the index expression this class creates. */
    public String indexedExpression() {
        return "((image_vector)::vector(" + dimension + "))";
    }

    public String truncate() {
        return "TRUNCATE " + TABLE;
    }

    public String countRows() {
        return "SELECT count(*) FROM " + TABLE;
    }

    /**
     * One statement for both row changes, so the upserts and deletes of an id keep their order inside a
     * JDBC batch. Parameters: 1 delete flag, 2 id, 3 id, 4 class, 5 vector as {@code real[]}, 6 delete flag.
     */
    public String upsertOrDelete() {
        return "WITH deleted AS (DELETE FROM " + TABLE + " WHERE ?::boolean AND id = ?::integer) "
                + "INSERT INTO " + TABLE + " (id, class, image_vector) "
                + "SELECT ?::integer, ?::text, ?::real[] WHERE NOT ?::boolean "
                + "ON CONFLICT (id) DO UPDATE SET class = EXCLUDED.class, image_vector = EXCLUDED.image_vector";
    }

    /** The stored class and vector of one id. */
    public String imageOf() {
        return "SELECT class, image_vector FROM " + TABLE + " WHERE id = ?";
    }

    /**
     * Makes the planner take the index for the rest of the transaction: the 1000 floats of a row live in
     * TOAST, so a sequential scan and sort looks cheaper to it than it is (see the README, Performance).
     */
    public String forceIndexScan() {
        return "SELECT set_config('enable_seqscan', 'off', true)";
    }

    /** The reference's query; parameters 1 and 2 are both the query vector. */
    public String neighbours() {
        return "SELECT id, class, l2_distance(" + castVector + ", ?) AS distance FROM " + TABLE
                + " ORDER BY " + castVector + " <-> ? LIMIT " + NEIGHBOURS;
    }
}
