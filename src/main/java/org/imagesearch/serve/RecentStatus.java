package org.imagesearch.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A status read again at most once per {@code maxAge} however many pages poll it: reading the ingest status asks
 * Kafka for offsets and scans dead letters, too much for every request. A failed read is not kept.
 */
final class RecentStatus {
    /** Reads the status anew. */
    interface Read {
        ObjectNode read() throws SQLException;
    }

    private final Read read;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private ObjectNode last;
    private long readAt;

    RecentStatus(Read read, Duration maxAge, LongSupplier nanoTime) {
        this.read = read;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A copy of the latest status, which callers may add to. */
    synchronized ObjectNode get() throws SQLException {
        if (last == null || nanoTime.getAsLong() - readAt > maxAgeNanos) {
            last = read.read();
            readAt = nanoTime.getAsLong();
        }
        return last.deepCopy();
    }
}
