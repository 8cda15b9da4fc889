package org.imagesearch.store;

import org.imagesearch.config.TableSpec;

/**
 * The SQL for one vector table. Identifiers and numbers come from a validated {@link TableSpec}; every
 * value is a bound parameter.
 */
public final class VectorTableSql {
    private final TableSpec table;

    public VectorTableSql(TableSpec table) {
        this.table = table;
    }

    public TableSpec table() {
        return table;
    }

    public String createTable() {
        return "CREATE TABLE IF NOT EXISTS " + table.name() + " ("
                + "id bigint PRIMARY KEY, "
                + "class text, "
                + "image_vector vector(" + table.dimension() + ") NOT NULL, "
                + "metadata jsonb, "
                + "model text, "
                + "descriptor text, "
                + "input_size integer, "
                + "projection_version integer, "
                + "thumbnail bytea, "
                + "updated_at timestamptz NOT NULL DEFAULT now())";
    }

    /** Tables made by earlier versions get the newer columns on the next start. */
    public String addMissingColumns() {
        return "ALTER TABLE " + table.name() + " ADD COLUMN IF NOT EXISTS thumbnail bytea, "
                + "ADD COLUMN IF NOT EXISTS descriptor text, ADD COLUMN IF NOT EXISTS input_size integer, "
                + "ADD COLUMN IF NOT EXISTS projection_version integer";
    }

    public String createIndex() {
        return "CREATE INDEX IF NOT EXISTS " + table.indexName() + " ON " + table.name()
                + " USING hnsw (image_vector " + table.distance().operatorClass() + ")"
                + " WITH (m = " + table.hnswM() + ", ef_construction = " + table.hnswEfConstruction() + ")";
    }

    /** The declared type of the vector column, e.g. {@code vector(1000)}, or no row if the table is missing. */
    public String vectorColumnType() {
        return "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " WHERE a.attrelid = to_regclass(?) AND a.attname = 'image_vector' AND NOT a.attisdropped";
    }

    /**
     * One statement for both row changes, so upserts and deletes of an id stay in arrival order inside a
     * JDBC batch. Parameters: 1 delete flag, 2 id, 3 id, 4 class, 5 vector, 6 metadata, 7 model,
     * 8 descriptor, 9 input size, 10 projection version, 11 thumbnail, 12 delete flag.
     * For a delete only the CTE acts; for an upsert only the INSERT does.
     */
    public String upsertOrDelete() {
        return "WITH deleted AS (DELETE FROM " + table.name() + " WHERE ?::boolean AND id = ?::bigint) "
                + "INSERT INTO " + table.name() + " (id, class, image_vector, metadata, model, descriptor, input_size, "
                + "projection_version, thumbnail, updated_at) "
                + "SELECT ?::bigint, ?::text, ?::vector, ?::jsonb, ?::text, ?::text, ?::integer, ?::integer, ?::bytea, "
                + "now() WHERE NOT ?::boolean "
                + "ON CONFLICT (id) DO UPDATE SET class = EXCLUDED.class, image_vector = EXCLUDED.image_vector, "
                + "metadata = EXCLUDED.metadata, model = EXCLUDED.model, descriptor = EXCLUDED.descriptor, "
                + "input_size = EXCLUDED.input_size, projection_version = EXCLUDED.projection_version, "
                + "thumbnail = EXCLUDED.thumbnail, updated_at = EXCLUDED.updated_at";
    }

    /** How the most recently written vector was made: model, descriptor, input size, projection version. */
    public String newestDescriptor() {
        return "SELECT model, descriptor, input_size, projection_version FROM " + table.name()
                + " ORDER BY updated_at DESC LIMIT 1";
    }

    /**
     * A random sample of unprojected vectors of one descriptor, to learn a projection from. Parameters:
     * 1 model, 2 descriptor, 3 input size, 4 sample size.
     */
    public String sampleUnprojected() {
        return "SELECT image_vector FROM " + table.name() + " WHERE model = ? AND descriptor = ? AND input_size = ?"
                + " AND projection_version IS NULL ORDER BY random() LIMIT ?";
    }

    public String countRows() {
        return "SELECT count(*) FROM " + table.name();
    }

    public String thumbnailOf() {
        return "SELECT thumbnail FROM " + table.name() + " WHERE id = ?";
    }

    /** The stored vectors of a set of ids (an SQL array parameter). */
    public String vectorsOf() {
        return "SELECT id, image_vector FROM " + table.name() + " WHERE id = ANY(?)";
    }

    public String labelOf() {
        return "SELECT class FROM " + table.name() + " WHERE id = ?";
    }

    /** Rows changed since a moment: how the demo and benchmark see the job's progress. */
    public String countUpdatedSince() {
        return "SELECT count(*) FROM " + table.name() + " WHERE updated_at >= ?";
    }

    /** Ids in [from, to) with their last write time in epoch milliseconds. */
    public String updateTimesBetween() {
        return "SELECT id, (extract(epoch FROM updated_at) * 1000)::bigint FROM " + table.name()
                + " WHERE id >= ? AND id < ?";
    }

    public String dropTable() {
        return "DROP TABLE IF EXISTS " + table.name();
    }

    public String truncate() {
        return "TRUNCATE " + table.name();
    }
}
