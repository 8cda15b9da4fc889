package org.imagesearch.image;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Loads image references on an executor without blocking the caller, trying a transient failure again after the
 * {@link LoadRetries} backoff. The waits are scheduled, not slept, so a thread is busy only while a try runs. A load
 * ends within its {@link #deadline()}: a retry that could not finish before it is not started.
 */
public final class RetryingLoader {
    /** One try at reading a reference, bounded in time by {@code perAttempt}. */
    @FunctionalInterface
    public interface Load {
        byte[] load(String reference) throws ImageRejectedException;
    }

    private final Load load;
    private final LoadRetries retries;
    private final Duration perAttempt;
    private final ScheduledExecutorService executor;
    private final Runnable onRetry;

    /** {@code onRetry} runs each time a try is given another (to count them). */
    public RetryingLoader(Load load, LoadRetries retries, Duration perAttempt, ScheduledExecutorService executor,
                          Runnable onRetry) {
        this.load = load;
        this.retries = retries;
        this.perAttempt = perAttempt;
        this.executor = executor;
        this.onRetry = onRetry;
    }

    /** The most a load takes, its tries and waits included. */
    public Duration deadline() {
        return retries.deadline(perAttempt);
    }

    /**
     * The bytes of {@code reference}, or an {@link ImageRejectedException} with the last try's reason and, after
     * more than one try, how many were made.
     */
    public CompletableFuture<byte[]> load(String reference) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + deadline().toNanos();
        run(result, 0, () -> attempt(reference, 1, deadline, result));
        return result;
    }

    private void attempt(String reference, int attempt, long deadline, CompletableFuture<byte[]> result) {
        try {
            result.complete(load.load(reference));
        } catch (ImageRejectedException e) {
            Duration delay = retries.delayAfter(attempt);
            boolean fits = System.nanoTime() + delay.toNanos() + perAttempt.toNanos() <= deadline;
            if (!retries.retries(e, attempt) || !fits) {
                result.completeExceptionally(attempt == 1 ? e
                        : new ImageRejectedException(e.step(), e.getMessage() + " (" + attempt + " attempts)"));
                return;
            }
            onRetry.run();
            run(result, delay.toNanos(), () -> attempt(reference, attempt + 1, deadline, result));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** Runs {@code task} after {@code delayNanos}; an executor shut down (the task closing) ends the load. */
    private void run(CompletableFuture<byte[]> result, long delayNanos, Runnable task) {
        try {
            executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
    }
}
