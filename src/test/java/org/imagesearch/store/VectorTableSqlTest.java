package org.imagesearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imagesearch.config.TableSpec;
import org.imagesearch.embed.DistanceMetric;
import org.junit.jupiter.api.Test;

class VectorTableSqlTest {
    private static final VectorTableSql L2 = new VectorTableSql(new TableSpec("images", 1000, DistanceMetric.L2, 16, 64));
    private static final VectorTableSql COSINE =
            new VectorTableSql(new TableSpec("photos", 512, DistanceMetric.COSINE, 24, 100));

    private static long placeholders(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }

    @Test
    void createTableDeclaresTheColumnsAndVectorDimension() {
        assertEquals("CREATE TABLE IF NOT EXISTS images (id bigint PRIMARY KEY, class text, "
                + "image_vector vector(1000) NOT NULL, metadata jsonb, model text, descriptor text, input_size integer, "
                + "projection_version integer, thumbnail bytea, updated_at timestamptz NOT NULL DEFAULT now())", L2.createTable());
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
    void upsertOrDeleteHasTwelveParametersAndUpsertsOnId() {
        String sql = L2.upsertOrDelete();

        assertEquals(12, placeholders(sql));
        assertTrue(sql.contains("ON CONFLICT (id) DO UPDATE"), sql);
        assertTrue(sql.contains("DELETE FROM images WHERE"), sql);
        assertTrue(sql.contains("INSERT INTO images (id, class, image_vector, metadata, model, descriptor, input_size, "
                + "projection_version, thumbnail, updated_at)"), sql);
        assertTrue(sql.contains("?::vector"), sql);
        assertTrue(sql.contains("?::jsonb"), sql);
        assertEquals(12, placeholders(COSINE.upsertOrDelete()));
    }

    @Test
    void helperQueriesTakeTheTableNameAndBindTheirValues() {
        assertEquals(1, placeholders(L2.vectorColumnType()));
        assertEquals("SELECT class FROM photos WHERE id = ?", COSINE.labelOf());
        assertEquals("SELECT thumbnail FROM photos WHERE id = ?", COSINE.thumbnailOf());
        assertTrue(COSINE.addMissingColumns().startsWith("ALTER TABLE photos ADD COLUMN IF NOT EXISTS thumbnail bytea, "));
        assertEquals(1, placeholders(COSINE.countUpdatedSince()));
        assertTrue(COSINE.countUpdatedSince().contains("FROM photos"));
        assertEquals(2, placeholders(COSINE.updateTimesBetween()));
        assertEquals("TRUNCATE photos", COSINE.truncate());
        assertEquals("photos", COSINE.table().name());
    }
}
