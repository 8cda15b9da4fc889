package org.imagesearch.bench;

import java.util.stream.LongStream;

/** The ids {@code first..first+count-1} of one batch of messages the benchmark sent. */
record IdRange(long first, int count) {
    long end() {
        return first + count;
    }

    LongStream ids() {
        return LongStream.range(first, end());
    }
}
