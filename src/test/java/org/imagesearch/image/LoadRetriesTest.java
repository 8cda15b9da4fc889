package org.imagesearch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadRetriesTest {
    private static final LoadRetries THREE = new LoadRetries(3, Duration.ofMillis(200));
    private static final ImageRejectedException TRANSIENT =
            new ImageRejectedException(ImageRejectedException.Step.LOAD, "HTTP 503", true);
    private static final ImageRejectedException FINAL =
            new ImageRejectedException(ImageRejectedException.Step.LOAD, "HTTP 404");

    @Test
    void onlyATransientFailureIsTriedAgainAndNoMoreThanTheAttempts() {
        assertTrue(THREE.retries(TRANSIENT, 1));
        assertTrue(THREE.retries(TRANSIENT, 2));
        assertFalse(THREE.retries(TRANSIENT, 3));
        assertFalse(THREE.retries(FINAL, 1));
        assertFalse(new LoadRetries(1, Duration.ofMillis(200)).retries(TRANSIENT, 1));
    }

    @Test
    void theWaitDoublesAfterEachFailedTry() {
        assertEquals(Duration.ofMillis(200), THREE.delayAfter(1));
        assertEquals(Duration.ofMillis(400), THREE.delayAfter(2));
        assertEquals(Duration.ofMillis(102_400), new LoadRetries(10, Duration.ofMillis(200)).delayAfter(10));
        assertEquals(Duration.ZERO, new LoadRetries(3, Duration.ZERO).delayAfter(2));
    }

    @Test
    void theDeadlineHoldsEveryTryEveryWaitAndTheGrace() {
        assertEquals(Duration.ofMillis(3 * 1000 + 200 + 400).plus(LoadRetries.GRACE), THREE.deadline(Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(1).plus(LoadRetries.GRACE),
                new LoadRetries(1, Duration.ofMillis(200)).deadline(Duration.ofSeconds(1)));
    }

    @Test
    void outOfRangeSettingsNameTheirOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LoadRetries(0, Duration.ZERO))
                .getMessage().contains("--load-attempts"));
        assertThrows(IllegalArgumentException.class, () -> new LoadRetries(LoadRetries.MAX_ATTEMPTS + 1, Duration.ZERO));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LoadRetries(3, Duration.ofMillis(-1)))
                .getMessage().contains("--load-backoff-ms"));
    }
}
