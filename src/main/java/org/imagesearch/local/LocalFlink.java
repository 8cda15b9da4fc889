package org.imagesearch.local;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.WebOptions;
import org.imagesearch.config.Settings;

/**
 * The configuration of a Flink job run inside this JVM (the embedded default, or {@code ingest} and
 * {@code query-job} outside a cluster). What a cluster's configuration would decide, the local run decides here:
 * a subtask per core and a checkpoint every 10 s, unless {@code --parallelism} and {@code --checkpoint-interval-ms}
 * say otherwise (the jobs apply those themselves, see {@code JobEnvironment}). Flink's REST API has no
 * authentication, and its cancel request cannot be switched off ({@code web.cancel.enable} only hides the web UI's
 * button): so it binds to the given address, loopback by default, instead of every interface.
 */
public final class LocalFlink {
    public static final String LOOPBACK = "127.0.0.1";
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    private LocalFlink() {}

    /** The subtasks of a local job: {@code --parallelism}, else one per core (one inference thread each). */
    public static int parallelism(Settings.Job job) {
        return job.parallelismOr(CORES);
    }

    /**
     * The local job's defaults, with REST on {@code bindAddress} at {@code port} ("0" for any free one) and
     * without the web UI's cancel button.
     */
    public static Configuration configuration(String bindAddress, String port) {
        Configuration config = new Configuration();
        config.set(CoreOptions.DEFAULT_PARALLELISM, CORES);
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINT_INTERVAL);
        config.set(RestOptions.BIND_ADDRESS, bindAddress);
        config.set(RestOptions.ADDRESS, bindAddress);
        config.set(RestOptions.BIND_PORT, port);
        config.set(WebOptions.CANCEL_ENABLE, false);
        return config;
    }

    /**
     * Restarts after a failure with a delay doubling from 1 s up to 10 s, without end: a task that fails
     * because PostgreSQL or Kafka is down (the JDBC sink fails at once when it cannot reconnect) keeps being
     * restarted from the last checkpoint and resumes within about 10 s once the service is back.
     */
    public static Configuration restartingWithBackoff(Configuration config) {
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(10));
        config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        return config;
    }
}
