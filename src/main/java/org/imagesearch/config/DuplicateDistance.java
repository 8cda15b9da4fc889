package org.imagesearch.config;

import org.imagesearch.embed.DistanceMetric;

/**
 * The distance under which an ingested image counts as a near-duplicate of its nearest other image, in the table's
 * metric: cosine distance (0..2) for the normalised pooled descriptors, L2 for logits. Null means off.
 * The cosine default comes from {@code eval --copies} (README, "Near-duplicates"): 100 CIFAR-10 originals among 5,000
 * distinct indexed images, 24 edits each, default descriptor; 0.10 is the largest distance at which 98% of the pairs
 * within it are copies and their originals (half of all copies, nearly all of the light edits, are within it), where
 * the earlier provisional 0.12 let precision fall to 0.93. L2 40 for logits stays provisional: logits separate copies
 * from distinct images badly, and 40 catches few copies but marks few distinct images.
 */
public final class DuplicateDistance {
    public static final double COSINE_DEFAULT = 0.10;
    public static final double L2_DEFAULT = 40;

    private DuplicateDistance() {}

    public static Double defaultFor(DistanceMetric metric) {
        return metric == DistanceMetric.COSINE ? COSINE_DEFAULT : L2_DEFAULT;
    }

    /** {@code off}, {@code default} (the metric's) or a distance within the metric's range. */
    public static Double parse(String value, DistanceMetric metric) {
        if (value == null || value.equalsIgnoreCase("default")) {
            return defaultFor(metric);
        }
        if (value.equalsIgnoreCase("off")) {
            return null;
        }
        double distance;
        try {
            distance = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--duplicate-distance must be a number, off or default, got '" + value + "'");
        }
        double max = metric == DistanceMetric.COSINE ? 2 : Double.MAX_VALUE;
        if (!(distance >= 0 && distance <= max)) {
            throw new IllegalArgumentException("--duplicate-distance must be in 0.." + (metric == DistanceMetric.COSINE
                    ? "2 for cosine distance" : "any finite L2 distance") + ", got '" + value + "'");
        }
        return distance;
    }
}
