package org.imagesearch.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Pooling of a tiny feature map, checked by hand. */
class PoolingTest {
    // two channels of a 2x2 map, channels first
    private static final float[] MAP = {1, 2, 3, 6, 0, 0, 4, 0};

    @Test
    void maxTakesTheLargestValueOfEachChannel() {
        assertArrayEquals(new float[] {6, 4}, Pooling.MAX.pool(MAP, 2, 4, 0));
    }

    @Test
    void averageTakesTheMeanOfEachChannel() {
        assertArrayEquals(new float[] {3, 1}, Pooling.AVG.pool(MAP, 2, 4, 0));
    }

    @Test
    void gemIsThePowerMeanOfEachChannel() {
        // channel 0: ((1 + 8 + 27 + 216) / 4)^(1/3) = 63^(1/3); channel 1: (64 / 4)^(1/3) = 16^(1/3)
        assertArrayEquals(new float[] {(float) Math.cbrt(63), (float) Math.cbrt(16)}, Pooling.GEM.pool(MAP, 2, 4, 3),
                1e-5f);
        // p = 1 is average pooling
        assertArrayEquals(Pooling.AVG.pool(MAP, 2, 4, 0), Pooling.GEM.pool(MAP, 2, 4, 1), 1e-6f);
    }

    @Test
    void noneKeepsTheOutputAsItIs() {
        assertSame(MAP, Pooling.NONE.pool(MAP, 2, 4, 0));
    }

    @Test
    void aMapOfTheWrongSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Pooling.MAX.pool(MAP, 3, 4, 0));
    }
}
