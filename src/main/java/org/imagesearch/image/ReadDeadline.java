package org.imagesearch.image;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs file reads on a few daemon threads and waits for each no longer than a timeout. A file system call can
 * block without end (a dead network mount, a special file swapped in after the check) and cannot be
 * interrupted: the caller is then given a rejection instead, and the stuck thread does not keep the JVM alive.
 */
final class ReadDeadline {
    private static final ExecutorService READERS = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), task -> {
                Thread thread = new Thread(task, "image-file-reader");
                thread.setDaemon(true);
                return thread;
            });

    /** A read that refuses what it cannot use. */
    interface Read {
        byte[] read() throws ImageRejectedException;
    }

    private ReadDeadline() {}

    /** The bytes {@code read} gives within {@code timeout} (waiting for a free thread included). */
    static byte[] within(Duration timeout, String what, Read read) throws ImageRejectedException {
        Future<byte[]> future = READERS.submit(read::read);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw reject("timed out reading " + what + " after " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw reject("interrupted reading " + what);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImageRejectedException rejected) {
                throw rejected;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause();
        }
    }

    private static ImageRejectedException reject(String reason) {
        return new ImageRejectedException(ImageRejectedException.Step.LOAD, reason);
    }
}
