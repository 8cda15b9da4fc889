package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SliceRatesTest {
    @Test
    void slicesAreATenthOfTheRowsUpTo100k() {
        assertEquals(100_000, SliceRates.sliceSize(1_000_000));
        assertEquals(100_000, SliceRates.sliceSize(5_000_000));
        assertEquals(10_000, SliceRates.sliceSize(100_000));
        assertEquals(300, SliceRates.sliceSize(3000));
        assertEquals(1, SliceRates.sliceSize(5));
    }

    @Test
    void theLastSliceEndsAtTheRowsHoweverTheyDivide() {
        assertEquals(List.of(300L, 600L, 900L, 1200L, 1500L, 1800L, 2100L, 2400L, 2700L, 3000L),
                SliceRates.boundaries(3000));
        assertEquals(List.of(3L, 6L, 9L, 12L, 15L, 18L, 21L, 24L, 25L), SliceRates.boundaries(25));
        assertEquals(List.of(1L), SliceRates.boundaries(1));
    }

    @Test
    void eachSliceRateIsItsRowsOverItsOwnTime() {
        List<SliceRates.Slice> slices = SliceRates.of(0, 10_000, List.of(100L, 200L, 250L), List.of(10_500L, 11_500L, 11_500L));
        assertEquals(new SliceRates.Slice(0, 100, 200.0), slices.get(0));
        assertEquals(new SliceRates.Slice(100, 200, 100.0), slices.get(1));
        assertEquals(new SliceRates.Slice(200, 250, 50_000.0), slices.get(2), "within a millisecond counts as one");
        assertThrows(IllegalArgumentException.class, () -> SliceRates.of(0, 0, List.of(1L), List.of()));
    }
}
