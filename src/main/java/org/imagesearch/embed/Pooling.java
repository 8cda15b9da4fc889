package org.imagesearch.embed;

/**
 * How a model's output becomes one vector. {@link #NONE} takes the output as it is (the classifier's
 * logits); the others reduce a [C, H, W] feature map over its H x W positions to C values.
 */
public enum Pooling {
    NONE, GEM, MAX, AVG;

    /** GeM clamps activations at this floor before the power, as in Radenović et al. */
    static final double GEM_EPS = 1e-6;

    /**
     * Pools a channels-first feature map of {@code channels} planes of {@code positions} values each.
     * {@code p} is GeM's exponent (p = 1 is average pooling, p -> infinity tends to max pooling).
     */
    public float[] pool(float[] map, int channels, int positions, double p) {
        if (this == NONE) {
            return map;
        }
        if (map.length != channels * positions || positions < 1) {
            throw new IllegalArgumentException("feature map of " + map.length + " values is not " + channels + " x "
                    + positions);
        }
        float[] pooled = new float[channels];
        for (int c = 0; c < channels; c++) {
            int base = c * positions;
            double acc = this == MAX ? Double.NEGATIVE_INFINITY : 0;
            for (int i = 0; i < positions; i++) {
                double v = map[base + i];
                switch (this) {
                    case MAX -> acc = Math.max(acc, v);
                    case AVG -> acc += v;
                    default -> acc += Math.pow(Math.max(v, GEM_EPS), p);
                }
            }
            pooled[c] = (float) switch (this) {
                case MAX -> acc;
                case AVG -> acc / positions;
                default -> Math.pow(acc / positions, 1 / p);
            };
        }
        return pooled;
    }
}
