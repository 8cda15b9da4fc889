package org.imagesearch.store;

import org.imagesearch.config.TableSpec;

/**
 * The SQL for one vector table. Identifiers and numbers come from a validated {@link TableSpec}; every
 * value is a bound parameter.
 */
public final class VectorTableSql {
    private static final String VERSION_COLUMN = "version bigint NOT NULL DEFAULT 0";

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
                + "image_vector " + table.columnType() + " NOT NULL, "
                + "metadata jsonb, "
                + "model text, "
                + "descriptor text, "
                + "input_size integer, "
                + "projection_version integer, "
                + "thumbnail bytea, "
                + VERSION_COLUMN + ", "
                + "updated_at timestamptz NOT NULL DEFAULT now())";
    }

    /**
     * Tables made by earlier versions get the newer columns on the next start; their rows get version 0,
     * older than any change.
     */
    public String addMissingColumns() {
        return "ALTER TABLE " + table.name() + " ADD COLUMN IF NOT EXISTS thumbnail bytea, "
                + "ADD COLUMN IF NOT EXISTS descriptor text, ADD COLUMN IF NOT EXISTS input_size integer, "
                + "ADD COLUMN IF NOT EXISTS projection_version integer, ADD COLUMN IF NOT EXISTS " + VERSION_COLUMN;
    }

    /**
     * The deleted ids with the version of their delete, so that an older upsert arriving after it cannot
     * bring the row back. Kept apart from the table, so searches, counts and the index never meet them.
     */
    public String createTombstoneTable() {
        return "CREATE TABLE IF NOT EXISTS " + table.tombstoneTableName() + " (id bigint PRIMARY KEY, version bigint NOT NULL)";
    }

    public String createIndex() {
        return "CREATE INDEX IF NOT EXISTS " + table.indexName() + " ON " + table.name()
                + " USING hnsw (image_vector " + table.operatorClass() + ")"
                + " WITH (m = " + table.hnswM() + ", ef_construction = " + table.hnswEfConstruction() + ")";
    }

    /** Tables made before the index get it on the next start; {@code newestDescriptor} uses it too. */
    public String createUpdatedAtIndex() {
        return "CREATE INDEX IF NOT EXISTS " + table.updatedAtIndexName() + " ON " + table.name() + " (updated_at)";
    }

    /** The declared type of the vector column, e.g. {@code halfvec(512)}, or no row if the table is missing. */
    public String vectorColumnType() {
        return "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " WHERE a.attrelid = to_regclass(?) AND a.attname = 'image_vector' AND NOT a.attisdropped";
    }

    /**
     * One statement for both row changes, last writer wins: of the changes of an id the table ends with
     * the one of the highest version, whatever order they arrive in; at equal versions a delete wins over
     * an upsert, and of two upserts the one applied later (so a replay changes nothing). A delete removes
     * the row unless it is newer, and leaves a tombstone unless a newer row exists; an upsert writes unless
     * the row or a tombstone is newer, and a newer upsert lifts the tombstone.
     * Parameters: 1 id, 2 version, 3 delete flag, 4 class, 5 vector, 6 metadata, 7 model, 8 descriptor,
     * 9 input size, 10 projection version, 11 thumbnail.
     */
    public String upsertOrDelete() {
        String rows = table.name();
        String tombstones = table.tombstoneTableName();
        return "WITH change (id, version, is_delete) AS (VALUES (?::bigint, ?::bigint, ?::boolean)), "
                + "deleted AS (DELETE FROM " + rows + " stored USING change WHERE change.is_delete "
                + "AND stored.id = change.id AND stored.version <= change.version), "
                + "buried AS (INSERT INTO " + tombstones + " AS tombstone (id, version) "
                + "SELECT id, version FROM change WHERE is_delete AND NOT EXISTS (SELECT 1 FROM " + rows + " stored "
                + "WHERE stored.id = change.id AND stored.version > change.version) "
                + "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version WHERE tombstone.version < EXCLUDED.version), "
                + "unburied AS (DELETE FROM " + tombstones + " tombstone USING change WHERE NOT change.is_delete "
                + "AND tombstone.id = change.id AND tombstone.version < change.version) "
                + "INSERT INTO " + rows + " AS stored (id, class, image_vector, metadata, model, descriptor, input_size, "
                + "projection_version, thumbnail, version, updated_at) "
                + "SELECT change.id, ?::text, ?::" + table.vectorType().sqlName() + ", ?::jsonb, ?::text, ?::text, ?::integer, ?::integer, ?::bytea, "
                + "change.version, now() FROM change WHERE NOT change.is_delete AND NOT EXISTS (SELECT 1 FROM "
                + tombstones + " tombstone WHERE tombstone.id = change.id AND tombstone.version >= change.version) "
                + "ON CONFLICT (id) DO UPDATE SET class = EXCLUDED.class, image_vector = EXCLUDED.image_vector, "
                + "metadata = EXCLUDED.metadata, model = EXCLUDED.model, descriptor = EXCLUDED.descriptor, "
                + "input_size = EXCLUDED.input_size, projection_version = EXCLUDED.projection_version, "
                + "thumbnail = EXCLUDED.thumbnail, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at "
                + "WHERE stored.version <= EXCLUDED.version";
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

    public String describe() {
        return "SELECT class, metadata::text FROM " + table.name() + " WHERE id = ?";
    }

    /** Through the primary key's index: a cheap id that exists, for examples. */
    public String smallestId() {
        return "SELECT min(id) FROM " + table.name();
    }

    /** Rows written in the last N seconds (parameter 1) by the database's clock, which wrote updated_at. */
    public String countUpdatedWithin() {
        return "SELECT count(*) FROM " + table.name() + " WHERE updated_at >= now() - make_interval(secs => ?)";
    }

    /** The bytes the table takes with its indexes and TOAST, null if it is missing; parameter 1 is the table's name. */
    public String totalBytes() {
        return "SELECT pg_total_relation_size(to_regclass(?))";
    }

    /**
     * The bytes of the table's heap with its TOAST, and of all its indexes, null if it is missing; parameters 1 and 2
     * are the table's name.
     */
    public String tableAndIndexBytes() {
        return "SELECT pg_table_size(to_regclass(?)), pg_indexes_size(to_regclass(?))";
    }

    /** The HNSW index's bytes, null if it is missing; parameter 1 is the index's name. */
    public String relationBytes() {
        return "SELECT pg_relation_size(to_regclass(?))";
    }

    /**
     * Rows the table took so far by PostgreSQL's statistics, which writers flush about once a second: cheap enough
     * to poll for progress, where {@code count(*)} reads the whole table. Parameter 1 is the table's name.
     */
    public String insertedRows() {
        return "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relid = to_regclass(?)";
    }

    /**
     * When the table reached numbers of rows: the 0-based ranks in write order (an SQL array, parameter 1) with the
     * write time of the row at each rank, in epoch milliseconds. One pass through the index on {@code updated_at}.
     */
    public String writeTimesAtRanks() {
        return "SELECT rank, millis FROM (SELECT row_number() OVER (ORDER BY updated_at) - 1 AS rank, "
                + "(extract(epoch FROM updated_at) * 1000)::bigint AS millis FROM " + table.name() + ") ranked "
                + "WHERE rank = ANY(?)";
    }

    /** A bulk load in {@code COPY}'s text format, of the columns the sink writes but metadata. */
    public String copyIn() {
        return "COPY " + table.name() + " (id, class, image_vector, model, descriptor, input_size, thumbnail, version)"
                + " FROM STDIN";
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

    /** The table with its tombstones: a table made again under the name must not inherit old deletes. */
    public String dropTable() {
        return "DROP TABLE IF EXISTS " + table.name() + ", " + table.tombstoneTableName();
    }

    public String truncate() {
        return "TRUNCATE " + table.name() + ", " + table.tombstoneTableName();
    }
}
