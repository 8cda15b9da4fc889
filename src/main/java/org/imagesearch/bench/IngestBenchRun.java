package org.imagesearch.bench;

import java.time.Duration;

/**
 * What one {@code bench ingest} run measures: the images ingested first to warm the job up (the JIT compiles the hot
 * paths for the first seconds: a job that runs for hours is measured after them), drained for throughput, decoded for
 * the model-only rate and paced for latency; how long it may wait for its messages to settle (null: {@link #timeoutFor}
 * their count); and the Python loop to time on the same files (null: none).
 */
public record IngestBenchRun(int warmUpImages, int images, int modelImages, int latencyImages, Duration timeout,
                             PythonReference python) {
    /** Start-up and the models' loading, then a second a message: many times what a 12 MP photograph takes here. */
    private static final Duration FIXED = Duration.ofMinutes(2);
    private static final Duration PER_MESSAGE = Duration.ofSeconds(1);

    public IngestBenchRun {
        if (images < 1 || modelImages < 1 || latencyImages < 1) {
            throw new IllegalArgumentException("--limit, --model-images and --latency-images must be at least 1");
        }
        if (warmUpImages < 0) {
            throw new IllegalArgumentException("--warm-up-images must be at least 0");
        }
        if (timeout != null && timeout.toSeconds() < 1) {
            throw new IllegalArgumentException("--timeout-s must be at least 1");
        }
    }

    /** The timeout given, else one that grows with the number of messages. */
    Duration timeoutFor(long messages) {
        return timeout != null ? timeout : FIXED.plus(PER_MESSAGE.multipliedBy(messages));
    }
}
