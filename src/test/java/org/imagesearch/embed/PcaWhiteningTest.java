package org.imagesearch.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaWhiteningTest {

    /** Points (±2, 0) and (0, ±1) around (10, 10): variances 8/3 and 2/3 along the axes, no correlation. */
    private static List<float[]> cross() {
        return List.of(new float[] {12, 10}, new float[] {8, 10}, new float[] {10, 11}, new float[] {10, 9});
    }

    @Test
    void aHandCheckedCaseCentresRotatesAndScales() {
        Projection p = PcaWhitening.learn(cross(), 2, 0);
        assertArrayEquals(new float[] {10, 10}, p.mean(), 1e-6f);
        // first axis: the x axis, scaled by 1/sqrt(8/3); second: y, by 1/sqrt(2/3) (signs are free)
        assertEquals(Math.sqrt(3.0 / 8), Math.abs(p.matrix()[0]), 1e-6);
        assertEquals(0, p.matrix()[1], 1e-6);
        assertEquals(0, p.matrix()[2], 1e-6);
        assertEquals(Math.sqrt(3.0 / 2), Math.abs(p.matrix()[3]), 1e-6);
        // (12, 11): whitened (sqrt(3/8) * 2, sqrt(3/2) * 1) = (1.2247, 1.2247) up to signs, then unit length
        float[] y = p.apply(new float[] {12, 11});
        assertEquals(Math.sqrt(0.5), Math.abs(y[0]), 1e-6);
        assertEquals(Math.sqrt(0.5), Math.abs(y[1]), 1e-6);
    }

    @Test
    void fullShrinkageIsPlainPca() {
        Projection p = PcaWhitening.learn(cross(), 1, 1);
        // one axis kept, every eigenvalue replaced by their mean (5/3)
        assertEquals(Math.sqrt(3.0 / 5), Math.abs(p.matrix()[0]), 1e-6);
        assertEquals(0, p.matrix()[1], 1e-6);
    }

    @Test
    void whitenedSampleHasIdentityCovariance() {
        Random random = new Random(7);
        List<float[]> sample = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            sample.add(new float[] {(float) (3 * a + b), (float) (a - 2 * b + 0.1 * c), (float) (0.5 * c), (float) a});
        }
        Projection p = PcaWhitening.learn(sample, 3, 0);
        double[][] covariance = new double[3][3];
        for (float[] x : sample) {
            double[] y = new double[3];
            for (int r = 0; r < 3; r++) {
                for (int i = 0; i < 4; i++) {
                    y[r] += p.matrix()[r * 4 + i] * (x[i] - p.mean()[i]);
                }
            }
            for (int r = 0; r < 3; r++) {
                for (int s = 0; s < 3; s++) {
                    covariance[r][s] += y[r] * y[s] / (sample.size() - 1);
                }
            }
        }
        for (int r = 0; r < 3; r++) {
            for (int s = 0; s < 3; s++) {
                assertEquals(r == s ? 1 : 0, covariance[r][s], 1e-3, "covariance[" + r + "][" + s + "]");
            }
        }
    }

    @Test
    void badRequestsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PcaWhitening.learn(List.of(new float[2]), 1, 0));
        assertThrows(IllegalArgumentException.class, () -> PcaWhitening.learn(cross(), 3, 0));
        assertThrows(IllegalArgumentException.class, () -> PcaWhitening.learn(cross(), 1, 1.5));
    }
}
