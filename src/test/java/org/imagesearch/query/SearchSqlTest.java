package org.imagesearch.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.imagesearch.config.TableSpec;
import org.imagesearch.config.VectorType;
import org.imagesearch.embed.DistanceMetric;
import org.junit.jupiter.api.Test;

class SearchSqlTest {
    private static final TableSpec TABLE = new TableSpec("images", 1000, DistanceMetric.L2, 16, 64);

    @Test
    void byVectorWithoutFilterBindsVectorAndK() {
        assertEquals("SELECT id, class, metadata::text, image_vector <-> ?::vector AS distance FROM images"
                + " ORDER BY distance LIMIT ?", SearchSql.topK(TABLE, DistanceMetric.L2, false, Filter.NONE));
    }

    @Test
    void aHalfvecTableGetsItsQueryVectorCastToHalfvecForTheIndex() {
        TableSpec half = TABLE.withVectorType(VectorType.HALFVEC);
        assertEquals("SELECT id, class, metadata::text, image_vector <=> ?::halfvec AS distance FROM images"
                + " ORDER BY distance LIMIT ?", SearchSql.topK(half, DistanceMetric.COSINE, false, Filter.NONE));
    }

    @Test
    void byIdExcludesTheQueryImageAndReadsItsVectorInTheDatabase() {
        assertEquals("SELECT id, class, metadata::text, image_vector <-> (SELECT image_vector FROM images WHERE id = ?)"
                + " AS distance FROM images WHERE id <> ? ORDER BY distance LIMIT ?",
                SearchSql.topK(TABLE, DistanceMetric.L2, true, Filter.NONE));
    }

    @Test
    void filtersAreBoundParametersInAFixedOrder() {
        assertEquals("SELECT id, class, metadata::text, image_vector <=> (SELECT image_vector FROM images WHERE id = ?)"
                + " AS distance FROM images WHERE class = ? AND metadata @> ?::jsonb AND id <> ?"
                + " ORDER BY distance LIMIT ?",
                SearchSql.topK(TABLE, DistanceMetric.COSINE, true, new Filter("cat'; DROP TABLE images; --", "{}")));
    }

    @Test
    void indexSettingsAreBoundToo() {
        assertEquals(4, SearchSql.settings().chars().filter(c -> c == '?').count());
    }
}
