package org.imagesearch.config;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Options for {@link Settings.Job}: parallelism, checkpoints, the model's micro-batches and JDBC batching. */
public final class JobOptions {
    @Option(names = "--parallelism", paramLabel = "N", description = "subtasks of every operator, one inference "
            + "thread (and model) each (default: on a cluster flink run -p or parallelism.default; in a local run "
            + "the number of cores)")
    private Integer parallelism;

    @Option(names = "--checkpoint-interval-ms", paramLabel = "MS", description = "(default: on a cluster its "
            + "execution.checkpointing.interval, none when unset; in a local run 10000)")
    private Long checkpointIntervalMs;

    @Option(names = "--embed-batch-size", paramLabel = "N", description = "images the model embeds in one pass "
            + "(1: one at a time; default: 8 at a 112 px input, 2 at 224: as many as hold 8x112x112 pixels)")
    private Integer embedBatchSize;

    @Option(names = "--embed-batch-wait-ms", paramLabel = "MS", description = "how long the first image of a "
            + "batch waits for the others (default: ${DEFAULT-VALUE})")
    private long embedBatchWaitMs = Settings.Job.DEFAULT_EMBED_BATCH_WAIT.toMillis();

    @Option(names = "--sink-batch-size", paramLabel = "N",
            description = "rows per JDBC batch, written when full or when the interval passes (default: ${DEFAULT-VALUE})")
    private int sinkBatchSize = 100;

    @Option(names = "--sink-batch-interval-ms", paramLabel = "MS", description = "(default: ${DEFAULT-VALUE})")
    private long sinkBatchIntervalMs = 100;

    public Settings.Job job() {
        return new Settings.Job(parallelism, checkpointIntervalMs == null ? null : Duration.ofMillis(checkpointIntervalMs),
                embedBatchSize, Duration.ofMillis(embedBatchWaitMs), sinkBatchSize, Duration.ofMillis(sinkBatchIntervalMs));
    }
}
