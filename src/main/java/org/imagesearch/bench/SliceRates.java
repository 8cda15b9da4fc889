package org.imagesearch.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Insert rates as a table grows: from the moments it reached 1, 2, ... slices of rows, the rows per second of each
 * slice. Slices are 100,000 rows, or a tenth of the rows when there are fewer than a million.
 */
public final class SliceRates {
    static final int MAX_SLICE = 100_000;

    private SliceRates() {}

    public static long sliceSize(long rows) {
        return Math.max(1, Math.min(MAX_SLICE, (rows + 9) / 10));
    }

    /** The row counts at the end of each slice: the last one is {@code rows}, however it divides. */
    public static List<Long> boundaries(long rows) {
        long slice = sliceSize(rows);
        List<Long> ends = new ArrayList<>();
        for (long end = slice; end < rows; end += slice) {
            ends.add(end);
        }
        ends.add(rows);
        return ends;
    }

    /** One slice: the rows the table held at its start and end, and its rate. */
    public record Slice(long fromRows, long toRows, double rowsPerSecond) {}

    /**
     * The rate of each slice, from the milliseconds at which the table held {@code startRows} (the first) and each
     * of {@code ends} rows; a slice written within one millisecond counts as taking one.
     */
    public static List<Slice> of(long startRows, long startMillis, List<Long> ends, List<Long> endMillis) {
        if (ends.size() != endMillis.size()) {
            throw new IllegalArgumentException("one moment per slice end");
        }
        List<Slice> slices = new ArrayList<>();
        long rows = startRows;
        long at = startMillis;
        for (int i = 0; i < ends.size(); i++) {
            long millis = Math.max(1, endMillis.get(i) - at);
            slices.add(new Slice(rows, ends.get(i), (ends.get(i) - rows) * 1000.0 / millis));
            rows = ends.get(i);
            at = endMillis.get(i);
        }
        return slices;
    }
}
