package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StoreBenchRunTest {
    @Test
    void aRunIsValidatedBeforeAnythingStarts() {
        new StoreBenchRun(3000, 3000, 20, 50, 0.5, 1, "512MB");
        assertThrows(IllegalArgumentException.class, () -> new StoreBenchRun(0, 0, 20, 50, 0.5, 1, "1GB"));
        assertThrows(IllegalArgumentException.class, () -> new StoreBenchRun(10, 10, 0, 50, 0.5, 1, "1GB"));
        assertThrows(IllegalArgumentException.class, () -> new StoreBenchRun(10, 10, 1, 0, 0.5, 1, "1GB"));
        new StoreBenchRun(10, 0, 1, 1, 0.5, 1, "1GB");
        assertThrows(IllegalArgumentException.class, () -> new StoreBenchRun(10, 11, 1, 1, 0.5, 1, "1GB"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StoreBenchRun(10, 10, 1, 1, 0.5, 1, "1GB'; DROP TABLE x"));
        assertEquals("--maintenance-work-mem must be a size such as 512MB or 2GB, got '1GB'; DROP TABLE x'", e.getMessage());
    }
}
