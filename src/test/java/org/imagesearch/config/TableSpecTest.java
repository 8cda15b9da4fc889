package org.imagesearch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imagesearch.embed.DistanceMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableSpecTest {
    private static TableSpec named(String name) {
        return new TableSpec(name, 1000, DistanceMetric.L2, 16, 64);
    }

    @Test
    void validSpecKeepsItsValuesAndDerivesTheIndexAndTombstoneNames() {
        TableSpec spec = new TableSpec("image_search", 1000, DistanceMetric.COSINE, 16, 64);

        assertEquals("image_search", spec.name());
        assertEquals(1000, spec.dimension());
        assertEquals(DistanceMetric.COSINE, spec.distance());
        assertEquals("image_search_vector_hnsw", spec.indexName());
        assertEquals("image_search_updated_at", spec.updatedAtIndexName());
        assertEquals("image_search_tombstones", spec.tombstoneTableName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"t", "_private", "images_2024", "a23456789012345678901234567890123456789012345678"})
    void lowerCaseIdentifiersUpTo48CharactersAreAccepted(String name) {
        assertEquals(name, named(name).name());
        assertTrue(named(name).indexName().length() <= 63);
        assertTrue(named(name).updatedAtIndexName().length() <= 63);
        assertTrue(named(name).tombstoneTableName().length() <= 63);
    }

    @ParameterizedTest
    @ValueSource(strings = {"image_search; DROP TABLE x", "Upper", "", "1table", "images-2024", "public.images",
            "\"quoted\"", "image search", "a234567890123456789012345678901234567890123456789"})
    void unsafeOrTooLongNamesAreRejected(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> named(name));
        assertTrue(e.getMessage().contains("table name"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"image_search; DROP TABLE x", "Upper", "", "public.images", "\"quoted\""})
    void requireNameRefusesWhatTheConstructorRefuses(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableSpec.requireName(name));
        assertTrue(e.getMessage().contains("table name"), e.getMessage());
    }

    @Test
    void requireNameReturnsAValidName() {
        assertEquals("image_search_v2", TableSpec.requireName("image_search_v2"));
        assertThrows(IllegalArgumentException.class, () -> TableSpec.requireName(null));
    }

    @Test
    void nullNameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> named(null));
    }

    @Test
    void dimensionMustBeInRange() {
        assertThrows(IllegalArgumentException.class, () -> new TableSpec("t", 0, DistanceMetric.L2, 16, 64));
        assertThrows(IllegalArgumentException.class, () -> new TableSpec("t", -1, DistanceMetric.L2, 16, 64));
        assertThrows(IllegalArgumentException.class, () -> new TableSpec("t", 16_001, DistanceMetric.L2, 16, 64));
        assertEquals(1, new TableSpec("t", 1, DistanceMetric.L2, 16, 64).dimension());
        assertEquals(16_000, new TableSpec("t", 16_000, DistanceMetric.L2, 16, 64).dimension());
    }

    @Test
    void distanceIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new TableSpec("t", 10, null, 16, 64));
    }

    @Test
    void hnswMMustBeInPgvectorsRange() {
        assertThrows(IllegalArgumentException.class, () -> new TableSpec("t", 10, DistanceMetric.L2, 1, 64));
        assertThrows(IllegalArgumentException.class, () -> new TableSpec("t", 10, DistanceMetric.L2, 101, 1000));
        assertEquals(100, new TableSpec("t", 10, DistanceMetric.L2, 100, 200).hnswM());
    }

    @Test
    void efConstructionMustBeAtLeastTwiceM() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TableSpec("t", 10, DistanceMetric.L2, 16, 31));
        assertTrue(e.getMessage().contains("2*m"), e.getMessage());
        assertEquals(32, new TableSpec("t", 10, DistanceMetric.L2, 16, 32).hnswEfConstruction());
        assertThrows(IllegalArgumentException.class, () -> new TableSpec("t", 10, DistanceMetric.L2, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new TableSpec("t", 10, DistanceMetric.L2, 16, 1001));
    }

    @Test
    void distanceMetricParsesNamesCaseInsensitively() {
        assertEquals(DistanceMetric.L2, DistanceMetric.parse("l2"));
        assertEquals(DistanceMetric.L2, DistanceMetric.parse("L2"));
        assertEquals(DistanceMetric.L2, DistanceMetric.parse("euclidean"));
        assertEquals(DistanceMetric.COSINE, DistanceMetric.parse("cosine"));
        assertEquals(DistanceMetric.COSINE, DistanceMetric.parse("COSINE"));
    }

    @Test
    void distanceMetricRejectsUnknownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DistanceMetric.parse("manhattan"));
        assertTrue(e.getMessage().contains("manhattan"), e.getMessage());
    }

    @Test
    void distanceMetricsCarryTheirPgvectorOperators() {
        assertEquals("<->", DistanceMetric.L2.operator());
        assertEquals("vector_l2_ops", new TableSpec("t", 10, DistanceMetric.L2, 16, 64).operatorClass());
        assertEquals("<=>", DistanceMetric.COSINE.operator());
        assertEquals("vector_cosine_ops", new TableSpec("t", 10, DistanceMetric.COSINE, 16, 64).operatorClass());
    }

    @Test
    void halfvecTablesTakeHalfvecColumnsAndOperatorClasses() {
        TableSpec half = new TableSpec("t", 512, DistanceMetric.COSINE, 16, 64, VectorType.HALFVEC);
        assertEquals("halfvec(512)", half.columnType());
        assertEquals("halfvec_cosine_ops", half.operatorClass());
        assertEquals("halfvec_l2_ops", VectorType.HALFVEC.operatorClass(DistanceMetric.L2));
        assertEquals("vector(512)", half.withVectorType(VectorType.VECTOR).columnType());
        assertEquals(VectorType.HALFVEC, half.withName("u").withDimension(8).vectorType());
    }

    @Test
    void vectorTypesParseCaseInsensitivelyAndRefuseOthers() {
        assertEquals(VectorType.HALFVEC, VectorType.parse("HalfVec"));
        assertEquals(VectorType.VECTOR, VectorType.parse("vector"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorType.parse("bit"));
        assertEquals("--vector-type must be vector or halfvec, got 'bit'", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new TableSpec("t", 10, DistanceMetric.L2, 16, 64, null));
    }
}
