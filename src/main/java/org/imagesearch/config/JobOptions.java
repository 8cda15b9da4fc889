package org.imagesearch.config;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Options for {@link Settings.Job}: parallelism, checkpoints and JDBC batching. */
public final class JobOptions {
    @Option(names = "--parallelism", paramLabel = "N",
            description = "one inference thread (and model) per subtask (default: the number of cores, ${DEFAULT-VALUE})")
    private int parallelism = Runtime.getRuntime().availableProcessors();

    @Option(names = "--checkpoint-interval-ms", paramLabel = "MS", description = "(default: ${DEFAULT-VALUE})")
    private long checkpointIntervalMs = 10_000;

    @Option(names = "--sink-batch-size", paramLabel = "N",
            description = "rows per JDBC batch, written when full or when the interval passes (default: ${DEFAULT-VALUE})")
    private int sinkBatchSize = 100;

    @Option(names = "--sink-batch-interval-ms", paramLabel = "MS", description = "(default: ${DEFAULT-VALUE})")
    private long sinkBatchIntervalMs = 100;

    public Settings.Job job() {
        return new Settings.Job(parallelism, Duration.ofMillis(checkpointIntervalMs), sinkBatchSize,
                Duration.ofMillis(sinkBatchIntervalMs));
    }
}
