package org.imagesearch.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReferenceSqlTest {
    private static final ReferenceSql SQL = new ReferenceSql(1000);

    private static long placeholders(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }

    @Test
    void theReferenceTableLivesInItsOwnSchemaWithTheReferenceColumns() {
        assertEquals("CREATE SCHEMA IF NOT EXISTS reference", SQL.createSchema());
        assertEquals("CREATE TABLE IF NOT EXISTS reference.image_search "
                + "(id integer PRIMARY KEY, class text, image_vector real[])", SQL.createTable());
        assertEquals("TRUNCATE reference.image_search", SQL.truncate());
        assertEquals("SELECT count(*) FROM reference.image_search", SQL.countRows());
    }

    @Test
    void theHnswIndexIsOnTheCastExpression() {
        assertEquals("CREATE INDEX IF NOT EXISTS reference_image_search_hnsw ON reference.image_search "
                + "USING hnsw ((image_vector::vector(1000)) vector_l2_ops)", SQL.createIndex());
        assertEquals("((image_vector)::vector(1000))", SQL.indexedExpression());
        assertEquals(2, placeholders(SQL.indexDefinition()));
        assertTrue(new ReferenceSql(512).createIndex().contains("((image_vector::vector(512)) vector_l2_ops)"));
    }

    @Test
    void theQueryIsTheReferencesOnTheSameExpressionWithLimit20() {
        assertEquals("SELECT id, class, l2_distance(image_vector::vector(1000), ?) AS distance "
                + "FROM reference.image_search ORDER BY image_vector::vector(1000) <-> ? LIMIT 20", SQL.neighbours());
        assertEquals(20, ReferenceSql.NEIGHBOURS);
        assertEquals("SELECT class, image_vector FROM reference.image_search WHERE id = ?", SQL.imageOf());
        assertEquals("SELECT set_config('enable_seqscan', 'off', true)", SQL.forceIndexScan());
    }

    @Test
    void upsertOrDeleteBindsEveryValueAndWritesARealArray() {
        String sql = SQL.upsertOrDelete();
        assertEquals(6, placeholders(sql));
        assertTrue(sql.startsWith("WITH deleted AS (DELETE FROM reference.image_search WHERE ?::boolean AND id = ?::integer) "), sql);
        assertTrue(sql.contains("INSERT INTO reference.image_search (id, class, image_vector) "
                + "SELECT ?::integer, ?::text, ?::real[] WHERE NOT ?::boolean"), sql);
        assertTrue(sql.endsWith("ON CONFLICT (id) DO UPDATE SET class = EXCLUDED.class, image_vector = EXCLUDED.image_vector"), sql);
    }

    @Test
    void theDimensionMustFitAnHnswIndex() {
        assertThrows(IllegalArgumentException.class, () -> new ReferenceSql(0));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceSql(2001));
        assertEquals(2000, new ReferenceSql(2000).dimension());
    }
}
