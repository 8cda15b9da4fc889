package org.imagesearch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The curve and the chosen threshold on small cases checked by hand. */
class PrecisionRecallTest {
    // copies at 0.1, 0.2, 0.3, 0.4; distinct images at 0.25 and 0.5
    private final PrecisionRecall pr = new PrecisionRecall(new double[] {0.3, 0.1, 0.4, 0.2}, new double[] {0.5, 0.25});

    @Test
    void aPointAtEveryCopyDistance() {
        assertEquals(List.of(new PrecisionRecall.Point(0.1, 1, 0.25), new PrecisionRecall.Point(0.2, 1, 0.5),
                new PrecisionRecall.Point(0.3, 3 / 4.0, 0.75), new PrecisionRecall.Point(0.4, 4 / 5.0, 1)), pr.curve());
    }

    @Test
    void theBestThresholdHasTheHighestRecallAtTheTargetPrecision() {
        assertEquals(new PrecisionRecall.Point(0.2, 1, 0.5), pr.bestAt(0.98));
        // precision falls to 0.75 and rises again to 0.8: the later point wins at 0.8
        assertEquals(new PrecisionRecall.Point(0.4, 0.8, 1), pr.bestAt(0.8));
        assertNull(new PrecisionRecall(new double[] {0.3}, new double[] {0.1}).bestAt(0.98));
    }

    @Test
    void equalDistancesCountTogether() {
        PrecisionRecall tied = new PrecisionRecall(new double[] {0.2, 0.2, 0.3}, new double[] {0.2});
        assertEquals(List.of(new PrecisionRecall.Point(0.2, 2 / 3.0, 2 / 3.0), new PrecisionRecall.Point(0.3, 3 / 4.0, 1)),
                tied.curve());
    }

    @Test
    void anyThresholdAndTheCurveInTwentyRows() {
        assertEquals(new PrecisionRecall.Point(0.26, 2 / 3.0, 0.5), pr.at(0.26));
        assertEquals(new PrecisionRecall.Point(0.05, 1, 0), pr.at(0.05));
        assertEquals(pr.curve(), pr.sampled(), "four points: each is the nearest to some step of 0.05");
    }
}
