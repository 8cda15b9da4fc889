package org.imagesearch.bench;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.imagesearch.embed.Vectors;

/**
 * Synthetic vectors around real embeddings: the vector of id {@code i} is a base embedding (chosen by the id) plus
 * seeded Gaussian noise whose expected length is {@code noise} times the base's, re-normalised when the table
 * compares by cosine. So a million rows keep the real vectors' distribution (their directions, their clusters by
 * class) while no two are the same. The same seed gives the same vector for an id in every run and on every subtask.
 */
public final class NoisyEmbeddings implements Serializable {
    private final float[][] bases;
    private final String[] labels;
    private final double noise;
    private final long seed;
    private final boolean normalise;

    public NoisyEmbeddings(float[][] bases, String[] labels, double noise, long seed, boolean normalise) {
        if (bases.length == 0 || bases.length != labels.length) {
            throw new IllegalArgumentException("need at least one base embedding, each with its label");
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("--noise must be a finite number >= 0, got " + noise);
        }
        this.bases = bases;
        this.labels = labels;
        this.noise = noise;
        this.seed = seed;
        this.normalise = normalise;
    }

    public int dimension() {
        return bases[0].length;
    }

    /** Which base embedding id {@code id} varies. */
    public int baseOf(long id) {
        return (int) Math.floorMod(id, (long) bases.length);
    }

    public String labelOf(long id) {
        return labels[baseOf(id)];
    }

    public float[] vector(long id) {
        float[] base = bases[baseOf(id)];
        double sigma = noise * norm(base) / Math.sqrt(base.length);
        // SplittableRandom mixes its seed, so neighbouring ids get unrelated noise.
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
        float[] v = new float[base.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (base[i] + sigma * random.nextGaussian());
        }
        return normalise ? Vectors.l2Normalize(v) : v;
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }
}
