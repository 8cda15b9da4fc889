package org.imagesearch.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryingLoaderTest {
    private static final byte[] IMAGE = {1, 2, 3};
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final AtomicInteger retries = new AtomicInteger();
    private final List<Long> triedAtNanos = new ArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Fails with {@code failures} one after the other, then answers {@link #IMAGE}. */
    private RetryingLoader loader(LoadRetries retries, ImageRejectedException... failures) {
        AtomicInteger tries = new AtomicInteger();
        return new RetryingLoader(reference -> {
            synchronized (triedAtNanos) {
                triedAtNanos.add(System.nanoTime());
            }
            int attempt = tries.getAndIncrement();
            if (attempt < failures.length) {
                throw failures[attempt];
            }
            return IMAGE;
        }, retries, Duration.ofSeconds(1), executor, this.retries::incrementAndGet);
    }

    private static ImageRejectedException transientFailure(String reason) {
        return new ImageRejectedException(ImageRejectedException.Step.LOAD, reason, true);
    }

    private static ImageRejectedException rejection(RetryingLoader loader) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> loader.load("http://example.org/a.png").get(10, TimeUnit.SECONDS));
        return assertInstanceOf(ImageRejectedException.class, e.getCause());
    }

    @Test
    void transientFailuresAreTriedAgainAfterAGrowingWaitAndCounted() throws Exception {
        RetryingLoader loader = loader(new LoadRetries(3, Duration.ofMillis(100)),
                transientFailure("HTTP 503"), transientFailure("HTTP 503"));

        assertArrayEquals(IMAGE, loader.load("http://example.org/a.png").get(10, TimeUnit.SECONDS));
        assertEquals(2, retries.get());
        assertEquals(3, triedAtNanos.size());
        assertTrue(triedAtNanos.get(1) - triedAtNanos.get(0) >= TimeUnit.MILLISECONDS.toNanos(100));
        assertTrue(triedAtNanos.get(2) - triedAtNanos.get(1) >= TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void theLastReasonSaysHowManyTriesWereMade() {
        ImageRejectedException e = rejection(loader(new LoadRetries(3, Duration.ZERO),
                transientFailure("HTTP 503"), transientFailure("HTTP 502"), transientFailure("timed out")));

        assertEquals("timed out (3 attempts)", e.getMessage());
        assertEquals(2, retries.get());
    }

    @Test
    void aFinalFailureIsNotTriedAgain() {
        ImageRejectedException e = rejection(loader(new LoadRetries(3, Duration.ZERO),
                new ImageRejectedException(ImageRejectedException.Step.LOAD, "HTTP 404")));

        assertEquals("HTTP 404", e.getMessage());
        assertEquals(0, retries.get());
        assertEquals(1, triedAtNanos.size());
    }

    @Test
    void theDeadlineIsTheRetriesDeadlineForOneTrysTime() {
        LoadRetries retries = new LoadRetries(3, Duration.ofMillis(100));
        assertEquals(retries.deadline(Duration.ofSeconds(1)), loader(retries).deadline());
    }

    @Test
    void aShutDownExecutorEndsTheLoad() {
        executor.shutdownNow();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> loader(new LoadRetries(3, Duration.ZERO)).load("x").get(10, TimeUnit.SECONDS));
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
    }
}
