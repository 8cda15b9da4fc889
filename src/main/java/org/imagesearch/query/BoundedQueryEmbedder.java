package org.imagesearch.query;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code permits} query images decoded and embedded at once. Decoding happens before a model is free, so
 * without this every concurrent upload would hold its decoded pixels in memory while waiting for one; callers
 * wait briefly for a slot and are then turned away with {@link ServiceBusyException}.
 */
public final class BoundedQueryEmbedder implements QueryImageEmbedder {
    private final QueryImageEmbedder inner;
    private final Semaphore slots;
    private final Duration wait;

    public BoundedQueryEmbedder(QueryImageEmbedder inner, int permits, Duration wait) {
        this.inner = inner;
        this.slots = new Semaphore(permits, true);
        this.wait = wait;
    }

    @Override
    public float[] embed(QueryTarget.ByImage target) throws InvalidQueryException {
        try {
            if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ServiceBusyException("busy: every model is taken by other image searches, retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidQueryException("interrupted while waiting to embed the query image");
        }
        try {
            return inner.embed(target);
        } finally {
            slots.release();
        }
    }
}
