package org.imagesearch.publish;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import org.imagesearch.ingest.Stage;
import org.imagesearch.ingest.StoredDeadLetter;
import org.junit.jupiter.api.Test;

class DeadLetterSelectionTest {
    private static final Instant FAILED = Instant.parse("2026-11-27T11:00:00Z");
    private static final StoredDeadLetter LOAD = new StoredDeadLetter("load", "File not found: /data/a.png", 1L, FAILED,
            FAILED, null, new byte[] {1}, null, null, null);
    private static final StoredDeadLetter NOT_A_LETTER = new StoredDeadLetter(null, null, null, null, null, null, null,
            null, null, "not a dead letter");

    @Test
    void nothingAskedTakesEverything() {
        DeadLetterSelection all = new DeadLetterSelection(Set.of(), null, null);

        assertTrue(all.matches(LOAD));
        assertTrue(all.matches(NOT_A_LETTER));
    }

    @Test
    void stagesReasonAndTimeMustAllMatch() {
        assertTrue(new DeadLetterSelection(Set.of(Stage.LOAD, Stage.DECODE), "file NOT found", FAILED).matches(LOAD));
        assertFalse(new DeadLetterSelection(Set.of(Stage.PARSE), null, null).matches(LOAD));
        assertFalse(new DeadLetterSelection(Set.of(), "HTTP 404", null).matches(LOAD));
        assertFalse(new DeadLetterSelection(Set.of(), null, FAILED.plusMillis(1)).matches(LOAD));
    }

    @Test
    void aRecordThatIsNoDeadLetterMatchesNoCondition() {
        assertFalse(new DeadLetterSelection(Set.of(Stage.LOAD), null, null).matches(NOT_A_LETTER));
        assertFalse(new DeadLetterSelection(Set.of(), "x", null).matches(NOT_A_LETTER));
        assertFalse(new DeadLetterSelection(Set.of(), null, FAILED).matches(NOT_A_LETTER));
    }
}
