package org.imagesearch.testing;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.config.Settings;
import org.imagesearch.ingest.IngestJob;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.store.SettingsResolver;

/** Settings, environment and publisher for running the real ingest job against the test services. */
public final class IngestJobs {
    private IngestJobs() {}

    /**
     * Settings from {@code options} with topics and a table of their own (the ingest topic with {@code partitions} partitions),
     * parallelism 2, frequent checkpoints and small sink batches, resolved as the job resolves them.
     */
    public static Settings settings(TestServices services, String name, int partitions, String... options) {
        return SettingsResolver.resolveForWriting(unprepared(services, name, partitions, options), ProjectionChoice.NONE,
                false);
    }

    /** Like {@link #settings}, the topics created but the table left to the job, as a cluster submission leaves it. */
    public static Settings unprepared(TestServices services, String name, int partitions, String... options) {
        String unique = TestServices.uniqueName(name);
        Settings settings = TestSettings.parse(options)
                .withKafka(services.topics(unique, partitions))
                .withDatabase(services.database(unique))
                .withJob(new Settings.Job(2, Duration.ofMillis(500), 10, Duration.ofMillis(200)));
        return settings;
    }

    /** Starts the production wiring of the ingest job on {@link #environment}. */
    public static JobClient start(Settings settings) throws Exception {
        return IngestJob.fromSettings(settings).start(environment());
    }

    /**
     * A local environment that restarts a failed job a few times, as a cluster would; the job takes its parallelism
     * and checkpoint interval from its settings.
     */
    public static StreamExecutionEnvironment environment() {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        return StreamExecutionEnvironment.getExecutionEnvironment(config);
    }

    public static ImagePublisher publisher(Settings settings) {
        return new ImagePublisher(settings.kafka().bootstrapServers(), settings.kafka().topic());
    }
}
