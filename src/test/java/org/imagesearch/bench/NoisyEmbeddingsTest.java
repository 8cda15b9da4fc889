package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NoisyEmbeddingsTest {
    private static final int DIMENSION = 512;

    private static float[][] bases(int count) {
        Random random = new Random(3);
        float[][] bases = new float[count][DIMENSION];
        for (float[] base : bases) {
            for (int i = 0; i < DIMENSION; i++) {
                base[i] = (float) random.nextGaussian();
            }
        }
        return bases;
    }

    private static NoisyEmbeddings noisy(double noise, long seed, boolean normalise) {
        return new NoisyEmbeddings(bases(3), new String[] {"cat", "dog", "ship"}, noise, seed, normalise);
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    @Test
    void theSameSeedGivesTheSameVectorForAnIdAndOtherIdsOtherVectors() {
        NoisyEmbeddings a = noisy(0.5, 7, true);
        assertArrayEquals(a.vector(12), noisy(0.5, 7, true).vector(12));
        assertFalse(Arrays.equals(a.vector(12), a.vector(15)), "ids 12 and 15 share a base, not their noise");
        assertFalse(Arrays.equals(a.vector(12), noisy(0.5, 8, true).vector(12)));
    }

    @Test
    void idsCycleThroughTheBasesWithTheirLabels() {
        NoisyEmbeddings a = noisy(0.5, 7, true);
        assertEquals(0, a.baseOf(0));
        assertEquals(2, a.baseOf(5));
        assertEquals("ship", a.labelOf(5));
        assertEquals(DIMENSION, a.dimension());
    }

    @Test
    void theNoiseIsAsLongAsAskedRelativeToTheBase() {
        float[][] bases = bases(3);
        NoisyEmbeddings raw = new NoisyEmbeddings(bases, new String[] {"a", "b", "c"}, 0.5, 1, false);
        double sum = 0;
        for (long id = 0; id < 30; id += 3) {
            sum += distance(raw.vector(id), bases[0]) / norm(bases[0]);
        }
        assertEquals(0.5, sum / 10, 0.02, "the mean noise length over ten ids of base 0");
    }

    @Test
    void cosineTablesGetUnitVectorsAndNoNoiseGivesTheBaseDirection() {
        float[] v = noisy(0.5, 7, true).vector(4);
        assertEquals(1.0, norm(v), 1e-5);
        float[][] bases = bases(3);
        float[] clean = new NoisyEmbeddings(bases, new String[] {"a", "b", "c"}, 0, 1, true).vector(1);
        float[] base = bases[1].clone();
        double length = norm(base);
        for (int i = 0; i < base.length; i++) {
            base[i] /= (float) length;
        }
        assertArrayEquals(base, clean, 1e-6f);
        assertTrue(norm(noisy(0.5, 7, false).vector(4)) > 2, "l2 tables keep the vectors' length");
    }

    @Test
    void badNoiseAndNoBasesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> noisy(-0.1, 1, true));
        assertThrows(IllegalArgumentException.class, () -> noisy(Double.NaN, 1, true));
        assertThrows(IllegalArgumentException.class,
                () -> new NoisyEmbeddings(new float[0][], new String[0], 0.5, 1, true));
    }
}
