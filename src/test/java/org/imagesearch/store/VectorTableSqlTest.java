package org.imagesearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imagesearch.config.TableSpec;
import org.imagesearch.config.VectorType;
import org.imagesearch.embed.DistanceMetric;
import org.junit.jupiter.api.Test;

class VectorTableSqlTest {
    private static final VectorTableSql L2 = new VectorTableSql(new TableSpec("images", 1000, DistanceMetric.L2, 16, 64));
    private static final VectorTableSql COSINE =
            new VectorTableSql(new TableSpec("photos", 512, DistanceMetric.COSINE, 24, 100));

    private static final VectorTableSql HALF = new VectorTableSql(
            new TableSpec("halves", 512, DistanceMetric.COSINE, 16, 64, VectorType.HALFVEC));

    private static long placeholders(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }

    @Test
    void createTableDeclaresTheColumnsAndVectorDimension() {
        assertEquals("CREATE TABLE IF NOT EXISTS images (id bigint PRIMARY KEY, class text, "
                + "image_vector vector(1000) NOT NULL, metadata jsonb, model text, descriptor text, input_size integer, "
                + "projection_version integer, thumbnail bytea, version bigint NOT NULL DEFAULT 0, "
                + "updated_at timestamptz NOT NULL DEFAULT now(), duplicate_of bigint)", L2.createTable());
        assertTrue(COSINE.createTable().startsWith("CREATE TABLE IF NOT EXISTS photos ("));
        assertTrue(COSINE.createTable().contains("image_vector vector(512) NOT NULL"));
    }

    @Test
    void createIndexUsesHnswWithTheL2OperatorClass() {
        assertEquals("CREATE INDEX IF NOT EXISTS images_vector_hnsw ON images USING hnsw (image_vector vector_l2_ops)"
                + " WITH (m = 16, ef_construction = 64)", L2.createIndex());
    }

    @Test
    void createIndexUsesTheCosineOperatorClassForCosine() {
        assertEquals("CREATE INDEX IF NOT EXISTS photos_vector_hnsw ON photos USING hnsw (image_vector vector_cosine_ops)"
                + " WITH (m = 24, ef_construction = 100)", COSINE.createIndex());
    }

    @Test
    void halfvecTablesStoreIndexAndBindHalfvecs() {
        assertTrue(HALF.createTable().contains("image_vector halfvec(512) NOT NULL"), HALF.createTable());
        assertEquals("CREATE INDEX IF NOT EXISTS halves_vector_hnsw ON halves USING hnsw (image_vector halfvec_cosine_ops)"
                + " WITH (m = 16, ef_construction = 64)", HALF.createIndex());
        assertTrue(HALF.upsertOrDelete().contains("?::boolean, ?::halfvec, ?::float8"), HALF.upsertOrDelete());
        assertTrue(L2.upsertOrDelete().contains("?::boolean, ?::vector, ?::float8"), L2.upsertOrDelete());
    }

    @Test
    void oldTablesGetTheVersionColumnWithTheirRowsAtVersionZero() {
        assertTrue(COSINE.addMissingColumns().contains(", ADD COLUMN IF NOT EXISTS version bigint NOT NULL DEFAULT 0"),
                COSINE.addMissingColumns());
    }

    @Test
    void tombstonesKeepTheVersionOfEachDeleteInASideTable() {
        assertEquals("CREATE TABLE IF NOT EXISTS photos_tombstones (id bigint PRIMARY KEY, version bigint NOT NULL)",
                COSINE.createTombstoneTable());
        assertEquals("TRUNCATE photos, photos_tombstones", COSINE.truncate());
        assertEquals("DROP TABLE IF EXISTS photos, photos_tombstones", COSINE.dropTable());
    }

    @Test
    void upsertOrDeleteBindsTwelveValuesOnceEach() {
        String sql = L2.upsertOrDelete();

        assertEquals(12, placeholders(sql));
        assertTrue(sql.startsWith("WITH given (id, version, is_delete, image_vector, duplicate_distance) AS (VALUES "
                + "(?::bigint, ?::bigint, ?::boolean, ?::vector, ?::float8))"), sql);
        assertTrue(sql.contains("SELECT change.id, ?::text, change.image_vector, ?::jsonb, ?::text, ?::text, ?::integer, "
                + "?::integer, ?::bytea, change.version, now(), NULLIF((SELECT root FROM nearest), change.id) FROM change"),
                sql);
        assertEquals(12, placeholders(COSINE.upsertOrDelete()));
    }

    @Test
    void nearDuplicatesAreJudgedUnderTheTablesLockInItsMetric() {
        String sql = COSINE.upsertOrDelete();

        assertTrue(sql.contains("locked AS (SELECT count(pg_advisory_xact_lock(1685418099, hashtext('photos'))) FROM given "
                + "WHERE duplicate_distance IS NOT NULL), change AS (SELECT given.* FROM given, locked)"), sql);
        assertTrue(sql.contains("n.image_vector <=> change.image_vector AS distance FROM photos n WHERE n.id <> change.id "
                + "ORDER BY distance LIMIT 1"), sql);
        assertTrue(L2.upsertOrDelete().contains("n.image_vector <-> change.image_vector"));
        assertTrue(sql.contains("coalesce(neighbour.duplicate_of, neighbour.id) AS root"), sql);
        assertTrue(sql.contains("regrouped AS (UPDATE photos member SET duplicate_of = written.duplicate_of FROM written "
                + "WHERE member.duplicate_of = written.id AND written.duplicate_of IS NOT NULL) "), sql);
        assertTrue(sql.contains("ORDER BY m.updated_at, m.id LIMIT 1"), "a deleted root's heir is its earliest member");
        assertTrue(COSINE.addMissingColumns().endsWith(", ADD COLUMN IF NOT EXISTS duplicate_of bigint"));
        assertEquals(1, placeholders(COSINE.nearestWithin()));
        assertEquals(2, placeholders(COSINE.duplicateGroups()));
        assertEquals(1, placeholders(COSINE.duplicateGroupOf()));
    }

    @Test
    void theUpsertReportsWhetherItInsertedUpdatedOrDeleted() {
        String sql = L2.upsertOrDelete();

        assertTrue(sql.contains(" WHERE stored.version <= EXCLUDED.version "
                + "RETURNING stored.id, stored.duplicate_of, (stored.xmax = 0) AS inserted), regrouped AS ("), sql);
        assertTrue(sql.contains("deleted AS (DELETE FROM images stored USING change WHERE change.is_delete "
                + "AND stored.id = change.id AND stored.version <= change.version RETURNING stored.id)"), sql);
        assertTrue(sql.endsWith(") SELECT (SELECT inserted FROM written), (SELECT count(*) FROM deleted)"), sql);
    }

    @Test
    void aDeleteRemovesOnlyRowsNotNewerAndLeavesATombstoneUnlessARowIsNewer() {
        String sql = L2.upsertOrDelete();

        assertTrue(sql.contains("DELETE FROM images stored USING change WHERE change.is_delete "
                + "AND stored.id = change.id AND stored.version <= change.version"), sql);
        assertTrue(sql.contains("INSERT INTO images_tombstones AS tombstone (id, version) SELECT id, version FROM change "
                + "WHERE is_delete AND NOT EXISTS (SELECT 1 FROM images stored WHERE stored.id = change.id "
                + "AND stored.version > change.version) ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version "
                + "WHERE tombstone.version < EXCLUDED.version"), sql);
    }

    @Test
    void anUpsertWritesUnlessTheRowOrATombstoneIsNewerAndLiftsAnOlderTombstone() {
        String sql = L2.upsertOrDelete();

        assertTrue(sql.contains("INSERT INTO images AS stored (id, class, image_vector, metadata, model, descriptor, "
                + "input_size, projection_version, thumbnail, version, updated_at, duplicate_of)"), sql);
        assertTrue(sql.contains("WHERE NOT change.is_delete AND NOT EXISTS (SELECT 1 FROM images_tombstones tombstone "
                + "WHERE tombstone.id = change.id AND tombstone.version >= change.version) "
                + "ON CONFLICT (id) DO UPDATE SET"), sql);
        assertTrue(sql.contains("version = EXCLUDED.version, updated_at = EXCLUDED.updated_at, duplicate_of = EXCLUDED.duplicate_of "), sql);
        assertTrue(sql.contains(" WHERE stored.version <= EXCLUDED.version RETURNING"), sql);
        assertTrue(sql.contains("DELETE FROM images_tombstones tombstone USING change WHERE NOT change.is_delete "
                + "AND tombstone.id = change.id AND tombstone.version < change.version"), sql);
    }

    @Test
    void helperQueriesTakeTheTableNameAndBindTheirValues() {
        assertEquals(1, placeholders(L2.vectorColumnType()));
        assertEquals("SELECT class, metadata::text FROM photos WHERE id = ?", COSINE.describe());
        assertEquals("SELECT min(id) FROM photos", COSINE.smallestId());
        assertEquals("SELECT thumbnail FROM photos WHERE id = ?", COSINE.thumbnailOf());
        assertTrue(COSINE.addMissingColumns().startsWith("ALTER TABLE photos ADD COLUMN IF NOT EXISTS thumbnail bytea, "));
        assertEquals(1, placeholders(COSINE.countUpdatedSince()));
        assertTrue(COSINE.countUpdatedSince().contains("FROM photos"));
        assertEquals(2, placeholders(COSINE.updateTimesBetween()));
        assertEquals("photos", COSINE.table().name());
    }
}
