package org.imagesearch.bench;

/**
 * Spaces sends at a steady rate from the moment it is made: the i-th send waits until i / perSecond seconds
 * have passed, so a late send is caught up by the next ones instead of shifting them all. A rate of 0 or
 * less never waits.
 */
final class Pacer {
    private final long start = System.nanoTime();
    private final double perSecond;

    Pacer(double perSecond) {
        this.perSecond = perSecond;
    }

    boolean paced() {
        return perSecond > 0;
    }

    /** Sleeps until send {@code i} is due. */
    void awaitTurn(long i) throws InterruptedException {
        if (!paced()) {
            return;
        }
        long wait = start + (long) (i * 1e9 / perSecond) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
