package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngestBenchRunTest {
    @Test
    void theTimeoutGrowsWithTheMessagesUnlessGiven() {
        IngestBenchRun derived = new IngestBenchRun(20, 600, 400, 200, null, null);
        assertEquals(Duration.ofSeconds(120 + 820), derived.timeoutFor(820));
        assertEquals(Duration.ofSeconds(122), derived.timeoutFor(2));

        IngestBenchRun given = new IngestBenchRun(20, 600, 400, 200, Duration.ofSeconds(30), null);
        assertEquals(Duration.ofSeconds(30), given.timeoutFor(820));
    }

    @Test
    void countsAndTheTimeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new IngestBenchRun(20, 0, 400, 200, null, null));
        assertThrows(IllegalArgumentException.class, () -> new IngestBenchRun(20, 10, 400, 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new IngestBenchRun(20, 10, 400, 200, Duration.ZERO, null));
        assertThrows(IllegalArgumentException.class, () -> new IngestBenchRun(-1, 10, 400, 200, null, null));
    }
}
