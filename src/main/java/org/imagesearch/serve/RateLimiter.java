package org.imagesearch.serve;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code perMinute} requests per client address in each minute (fixed one-minute windows).
 * Windows of past minutes are dropped as new ones start, so memory stays bounded by active clients.
 */
final class RateLimiter {
    private final int perMinute;
    private final LongSupplier clockMillis;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(long minute, int count) {}

    RateLimiter(int perMinute, LongSupplier clockMillis) {
        this.perMinute = perMinute;
        this.clockMillis = clockMillis;
    }

    boolean allow(String client) {
        long minute = clockMillis.getAsLong() / 60_000;
        Window window = windows.compute(client, (key, old) ->
                old == null || old.minute() != minute ? new Window(minute, 1) : new Window(minute, old.count() + 1));
        if (windows.size() > 10_000) {
            windows.values().removeIf(w -> w.minute() != minute);
        }
        return window.count() <= perMinute;
    }

    /** For Retry-After: whole seconds until the current window ends, 1 to 60. */
    long secondsToNextWindow() {
        return 60 - clockMillis.getAsLong() / 1000 % 60;
    }
}
