package org.imagesearch.bench;

/**
 * What one {@code bench store} run does: rows to fill, how many of them through the sink (the rest of a large run
 * would take hours that way: the bulk load then holds all of them, and the searches run on it), queries to measure, how the synthetic vectors are made
 * (base images, noise, seed) and the memory for the index build after the bulk load.
 */
public record StoreBenchRun(long rows, long sinkRows, int queries, int baseImages, double noise, long seed,
                            String maintenanceWorkMem) {
    public StoreBenchRun {
        if (rows < 1) {
            throw new IllegalArgumentException("--rows must be at least 1, got " + rows);
        }
        if (sinkRows < 0 || sinkRows > rows) {
            throw new IllegalArgumentException("--sink-rows must be in 0..--rows, got " + sinkRows);
        }
        if (queries < 1) {
            throw new IllegalArgumentException("--queries must be at least 1, got " + queries);
        }
        if (baseImages < 1) {
            throw new IllegalArgumentException("--base-images must be at least 1, got " + baseImages);
        }
        if (maintenanceWorkMem == null || !maintenanceWorkMem.matches("[0-9]+(kB|MB|GB)")) {
            throw new IllegalArgumentException("--maintenance-work-mem must be a size such as 512MB or 2GB, got '"
                    + maintenanceWorkMem + "'");
        }
    }
}
