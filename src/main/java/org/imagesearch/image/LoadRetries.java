package org.imagesearch.image;

import java.io.Serializable;
import java.time.Duration;

/**
 * When a failed load is tried again: up to {@code attempts} tries in all, only after a failure that may pass
 * (see {@link ImageRejectedException#transientFailure()}), waiting {@code backoff} before the second try and
 * twice as long before each further one, so a struggling server gets room rather than a burst.
 */
public record LoadRetries(int attempts, Duration backoff) implements Serializable {
    /** Enough to ride out a restart of an image server; more would keep a slot's capacity for minutes. */
    public static final int MAX_ATTEMPTS = 10;
    /** What the pool and the scheduler themselves may add to a load's attempts and waits. */
    static final Duration GRACE = Duration.ofSeconds(1);

    public LoadRetries {
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("--load-attempts must be in 1.." + MAX_ATTEMPTS + ", got " + attempts);
        }
        if (backoff.isNegative() || backoff.toMillis() > 60_000) {
            throw new IllegalArgumentException("--load-backoff-ms must be in 0..60000, got " + backoff.toMillis());
        }
    }

    /** Whether the load that failed with {@code failure} after {@code attemptsMade} tries is tried again. */
    public boolean retries(ImageRejectedException failure, int attemptsMade) {
        return failure.transientFailure() && attemptsMade < attempts;
    }

    /** The wait after {@code attemptsMade} failed tries: backoff, 2 x backoff, 4 x backoff, ... */
    public Duration delayAfter(int attemptsMade) {
        return backoff.multipliedBy(1L << (attemptsMade - 1));
    }

    /**
     * The most one load may take when each try takes at most {@code perAttempt}: every try, every wait between
     * them and {@link #GRACE}. A load still running then is given up.
     */
    public Duration deadline(Duration perAttempt) {
        Duration total = perAttempt.multipliedBy(attempts).plus(GRACE);
        for (int made = 1; made < attempts; made++) {
            total = total.plus(delayAfter(made));
        }
        return total;
    }
}
