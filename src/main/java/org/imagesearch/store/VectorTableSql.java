package org.imagesearch.store;

import org.imagesearch.config.TableSpec;

/**
 * The SQL for one vector table. Identifiers and numbers come from a validated {@link TableSpec}; every
 * value is a bound parameter.
 */
public final class VectorTableSql {
    private static final String VERSION_COLUMN = "version bigint NOT NULL DEFAULT 0";
    /** The first key of {@link #duplicatesLock()}: "dups". */
    private static final int DUPLICATES_LOCK_NAMESPACE = 0x64757073;

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
                + "updated_at timestamptz NOT NULL DEFAULT now(), "
                + "duplicate_of bigint)";
    }

    /**
     * Tables made by earlier versions get the newer columns on the next start; their rows get version 0,
     * older than any change.
     */
    public String addMissingColumns() {
        return "ALTER TABLE " + table.name() + " ADD COLUMN IF NOT EXISTS thumbnail bytea, "
                + "ADD COLUMN IF NOT EXISTS descriptor text, ADD COLUMN IF NOT EXISTS input_size integer, "
                + "ADD COLUMN IF NOT EXISTS projection_version integer, ADD COLUMN IF NOT EXISTS " + VERSION_COLUMN
                + ", ADD COLUMN IF NOT EXISTS duplicate_of bigint";
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

    /** Members by their root: the groups' listing and re-pointing a deleted root's members. */
    public String createDuplicateOfIndex() {
        return "CREATE INDEX IF NOT EXISTS " + table.duplicateOfIndexName() + " ON " + table.name()
                + " (duplicate_of) WHERE duplicate_of IS NOT NULL";
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
     * <p>Near-duplicates (when the distance, parameter 5, is not null): an upsert whose nearest other image is at
     * most that far joins its group, {@code duplicate_of} = the group's root (the neighbour's root, or the neighbour
     * itself), and brings its own members along, so groups stay one level deep. A deleted root hands its group to its
     * earliest written member. Groups stay consistent across writers: the statement first takes the table's
     * advisory lock ({@link #duplicatesLock()}), held until the sink's batch commits, so no two batches judge images
     * at once. (The first statement of a batch reads a snapshot from before it waited for the lock: an image of that
     * one statement can miss a neighbour committed just then, which {@code dedup-report} repairs.)
     * Parameters: 1 id, 2 version, 3 delete flag, 4 vector, 5 duplicate distance, 6 class, 7 metadata, 8 model,
     * 9 descriptor, 10 input size, 11 projection version, 12 thumbnail.
     * <p>It returns one row ({@link RowChange#of}): whether the upsert inserted its row (true), updated it (false) or
     * wrote nothing (null), and how many rows the delete removed. A freshly inserted row has no {@code xmax}, one that
     * {@code ON CONFLICT} updated has the writer's. The member re-point runs as a CTE, which PostgreSQL runs to the end
     * whether or not the final SELECT reads it.
     */
    public String upsertOrDelete() {
        String rows = table.name();
        String tombstones = table.tombstoneTableName();
        return "WITH given (id, version, is_delete, image_vector, duplicate_distance) AS (VALUES (?::bigint, ?::bigint, "
                + "?::boolean, ?::" + table.vectorType().sqlName() + ", ?::float8)), "
                + "locked AS (SELECT count(" + duplicatesLock() + ") FROM given WHERE duplicate_distance IS NOT NULL), "
                + "change AS (SELECT given.* FROM given, locked), "
                + "deleted AS (DELETE FROM " + rows + " stored USING change WHERE change.is_delete "
                + "AND stored.id = change.id AND stored.version <= change.version RETURNING stored.id), "
                + "heir AS (SELECT deleted.id AS root, member.id FROM deleted CROSS JOIN LATERAL (SELECT id FROM " + rows
                + " m WHERE m.duplicate_of = deleted.id ORDER BY m.updated_at, m.id LIMIT 1) member), "
                + "repointed AS (UPDATE " + rows + " member SET duplicate_of = NULLIF(heir.id, member.id) FROM heir "
                + "WHERE member.duplicate_of = heir.root), "
                + "buried AS (INSERT INTO " + tombstones + " AS tombstone (id, version) "
                + "SELECT id, version FROM change WHERE is_delete AND NOT EXISTS (SELECT 1 FROM " + rows + " stored "
                + "WHERE stored.id = change.id AND stored.version > change.version) "
                + "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version WHERE tombstone.version < EXCLUDED.version), "
                + "unburied AS (DELETE FROM " + tombstones + " tombstone USING change WHERE NOT change.is_delete "
                + "AND tombstone.id = change.id AND tombstone.version < change.version), "
                + "nearest AS (SELECT coalesce(neighbour.duplicate_of, neighbour.id) AS root FROM change CROSS JOIN LATERAL "
                + nearestOther("change") + " neighbour WHERE NOT change.is_delete AND change.duplicate_distance IS NOT NULL "
                + "AND neighbour.distance <= change.duplicate_distance), "
                + "written AS (INSERT INTO " + rows + " AS stored (id, class, image_vector, metadata, model, descriptor, "
                + "input_size, projection_version, thumbnail, version, updated_at, duplicate_of) "
                + "SELECT change.id, ?::text, change.image_vector, ?::jsonb, ?::text, ?::text, ?::integer, ?::integer, "
                + "?::bytea, change.version, now(), NULLIF((SELECT root FROM nearest), change.id) FROM change "
                + "WHERE NOT change.is_delete AND NOT EXISTS (SELECT 1 FROM "
                + tombstones + " tombstone WHERE tombstone.id = change.id AND tombstone.version >= change.version) "
                + "ON CONFLICT (id) DO UPDATE SET class = EXCLUDED.class, image_vector = EXCLUDED.image_vector, "
                + "metadata = EXCLUDED.metadata, model = EXCLUDED.model, descriptor = EXCLUDED.descriptor, "
                + "input_size = EXCLUDED.input_size, projection_version = EXCLUDED.projection_version, "
                + "thumbnail = EXCLUDED.thumbnail, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at, "
                + "duplicate_of = EXCLUDED.duplicate_of "
                + "WHERE stored.version <= EXCLUDED.version "
                + "RETURNING stored.id, stored.duplicate_of, (stored.xmax = 0) AS inserted), "
                + "regrouped AS (UPDATE " + rows + " member SET duplicate_of = written.duplicate_of FROM written "
                + "WHERE member.duplicate_of = written.id AND written.duplicate_of IS NOT NULL) "
                + "SELECT (SELECT inserted FROM written), (SELECT count(*) FROM deleted)";
    }

    /**
     * Serializes the writers that judge near-duplicates of this table, until their transaction ends. The key is the
     * table's name, a validated identifier, hashed under a namespace of its own.
     */
    public String duplicatesLock() {
        return "pg_advisory_xact_lock(" + DUPLICATES_LOCK_NAMESPACE + ", hashtext('" + table.name() + "'))";
    }

    /** The near-duplicate groups of at least N images (parameter 1), largest first: root, then members by write time. */
    public String duplicateGroups() {
        return "SELECT duplicate_of, array_agg(id ORDER BY updated_at, id) FROM " + table.name()
                + " WHERE duplicate_of IS NOT NULL GROUP BY duplicate_of HAVING count(*) + 1 >= ?"
                + " ORDER BY count(*) DESC, duplicate_of LIMIT ?";
    }

    /** The group of one image (parameter 1, twice): its root, then the members, or no row when it has none. */
    public String duplicateGroupOf() {
        return "SELECT duplicate_of, array_agg(id ORDER BY updated_at, id) FROM " + table.name()
                + " WHERE duplicate_of = (SELECT coalesce(duplicate_of, id) FROM " + table.name() + " WHERE id = ?)"
                + " GROUP BY duplicate_of";
    }

    /**
     * Every image with its nearest other image within a distance (parameter 1), through the HNSW index: the batch
     * kNN self-join of {@code dedup-report}. Rows in write order.
     */
    public String nearestWithin() {
        return "SELECT t.id, neighbour.id FROM " + table.name() + " t CROSS JOIN LATERAL " + nearestOther("t")
                + " neighbour WHERE neighbour.distance <= ? ORDER BY t.updated_at, t.id";
    }

    /** The nearest other row to the row {@code outer} (a lateral subquery through the HNSW index), with its distance. */
    private String nearestOther(String outer) {
        return "(SELECT n.id, n.duplicate_of, n.image_vector " + table.distance().operator() + " " + outer
                + ".image_vector AS distance FROM " + table.name() + " n WHERE n.id <> " + outer
                + ".id ORDER BY distance LIMIT 1)";
    }

    /** Write order of all images: who is the earliest of a group. */
    public String idsInWriteOrder() {
        return "SELECT id FROM " + table.name() + " ORDER BY updated_at, id";
    }

    public String clearDuplicates() {
        return "UPDATE " + table.name() + " SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL";
    }

    /** Sets duplicate_of (parameter 1) of one image (parameter 2). */
    public String setDuplicateOf() {
        return "UPDATE " + table.name() + " SET duplicate_of = ? WHERE id = ?";
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

    /** Every row that has a class: id and class. */
    public String labelled() {
        return "SELECT id, class FROM " + table.name() + " WHERE class IS NOT NULL";
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

    /**
     * Sequential scans off for the rest of the transaction: every table {@link #upsertOrDelete()} reads has the index
     * it needs, and on a table of some thousands of rows the planner costs the near-duplicate check's HNSW search
     * above a sequential scan and sort of every vector (746 against 541 at 10,000 rows), which then took 41 ms a row
     * where the index takes about 1.
     */
    public String forceIndexScans() {
        return "SELECT set_config('enable_seqscan', 'off', true)";
    }

    public String truncate() {
        return "TRUNCATE " + table.name() + ", " + table.tombstoneTableName();
    }
}
