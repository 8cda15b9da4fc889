package org.imagesearch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RateLimiter limiter = new RateLimiter(2, now::get);

    @Test
    void allowsTheLimitPerClientThenRefusesUntilTheNextMinute() {
        assertTrue(limiter.allow("a"));
        assertTrue(limiter.allow("a"));
        assertFalse(limiter.allow("a"));
        assertTrue(limiter.allow("b"), "clients are counted apart");
        now.addAndGet(60_000);
        assertTrue(limiter.allow("a"));
    }

    @Test
    void retryAfterCountsTheSecondsLeftInTheMinute() {
        now.set(120_000);
        assertEquals(60, limiter.secondsToNextWindow());
        now.set(120_000 + 59_500);
        assertEquals(1, limiter.secondsToNextWindow());
        now.set(120_000 + 15_000);
        assertEquals(45, limiter.secondsToNextWindow());
    }
}
