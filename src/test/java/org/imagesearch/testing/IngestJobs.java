package org.imagesearch.testing;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.config.Settings;
import org.imagesearch.ingest.IngestJob;
import org.imagesearch.store.SettingsResolver;

/** The ingest job's settings and environment on the test services: topics and a table of each test's own. */
public final class IngestJobs {
    private IngestJobs() {}

    /** Settings from {@code options} with an ingest topic (2 partitions), dead-letter topic and table named after {@code name}. */
    public static Settings settings(TestServices services, String name, String... options) {
        String unique = TestServices.uniqueName(name);
        Settings base = TestSettings.parse(options);
        Settings settings = base
                .withKafka(new Settings.Kafka(services.kafka().bootstrapServers(), unique + "-in", unique + "-dlq",
                        unique, Settings.StartOffsets.EARLIEST))
                .withDatabase(services.database(unique))
                .withJob(new Settings.Job(2, Duration.ofMillis(500), 10, Duration.ofMillis(200)));
        services.kafka().createTopic(settings.kafka().topic(), 2);
        services.kafka().createTopic(settings.kafka().deadLetterTopic(), 1);
        return SettingsResolver.resolveForWriting(settings, ProjectionChoice.NONE, false);
    }

    /** Starts the production wiring of the ingest job on {@link #environment}. */
    public static JobClient start(Settings settings) throws Exception {
        return IngestJob.fromSettings(settings).start(environment(settings));
    }

    /** An environment that restarts a failed job at most 3 times, so a test sees a failure instead of a loop. */
    public static StreamExecutionEnvironment environment(Settings settings) {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(settings.job().parallelism());
        return env;
    }
}
