package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class UnsettledIdsTest {
    @Test
    void anIdIsSettledWhenItIsARowOrADeadLetter() {
        List<IdRange> sent = List.of(new IdRange(10, 3), new IdRange(0, 4));

        assertEquals(List.of(11L, 0L, 3L), UnsettledIds.among(sent, Set.of(10L, 1L), Set.of(12L, 2L)));
        assertEquals(List.of(), UnsettledIds.among(sent, Set.of(10L, 11L, 12L, 0L, 1L), Set.of(2L, 3L)));
    }

    @Test
    void theErrorNamesTheFirstTwentyAndCountsTheRest() {
        assertEquals("2 ids neither indexed nor dead-lettered: 7, 9", UnsettledIds.describe(List.of(7L, 9L)));
        List<Long> many = LongStream.range(100, 125).boxed().toList();
        String described = UnsettledIds.describe(many);
        assertEquals("25 ids neither indexed nor dead-lettered: 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, "
                + "110, 111, 112, 113, 114, 115, 116, 117, 118, 119 and 5 more", described);
    }
}
