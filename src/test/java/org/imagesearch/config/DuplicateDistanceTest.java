package org.imagesearch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.imagesearch.embed.DistanceMetric;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.Test;

class DuplicateDistanceTest {
    @Test
    void theDefaultFollowsTheTablesMetric() {
        assertEquals(0.10, TestSettings.parse().database().duplicateDistance());
        assertEquals(40.0, TestSettings.parse("--descriptor", "logits").database().duplicateDistance());
        assertEquals(40.0, TestSettings.parse("--distance", "l2").database().duplicateDistance());
    }

    @Test
    void offTurnsItOffAndANumberIsTakenAsGiven() {
        assertNull(TestSettings.parse("--duplicate-distance", "off").database().duplicateDistance());
        assertEquals(0.2, TestSettings.parse("--duplicate-distance", "0.2").database().duplicateDistance());
        assertEquals(0.10, DuplicateDistance.parse("default", DistanceMetric.COSINE));
    }

    @Test
    void refusesWhatNoMetricMeasures() {
        assertThrows(IllegalArgumentException.class, () -> DuplicateDistance.parse("-0.1", DistanceMetric.COSINE));
        assertThrows(IllegalArgumentException.class, () -> DuplicateDistance.parse("2.5", DistanceMetric.COSINE));
        assertThrows(IllegalArgumentException.class, () -> DuplicateDistance.parse("NaN", DistanceMetric.L2));
        assertThrows(IllegalArgumentException.class, () -> DuplicateDistance.parse("near", DistanceMetric.L2));
        assertEquals(150.0, DuplicateDistance.parse("150", DistanceMetric.L2));
    }
}
