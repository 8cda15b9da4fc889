package org.imagesearch.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds; the limit only guards against a hung test, it measures nothing. */
public final class Await {
    private Await() {}

    public static void until(String what, Duration limit, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
