package org.imagesearch.testing;

import java.time.Duration;
import java.util.Map;
import org.imagesearch.config.CommandLines;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.JobOptions;
import org.imagesearch.config.KafkaOptions;
import org.imagesearch.config.QueryTopicOptions;
import org.imagesearch.config.SearchOptions;
import org.imagesearch.config.ServiceOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/**
 * Settings from option strings, parsed the way the commands parse them, with every option group mixed in; the
 * projection choice, which is not part of {@link Settings}, is parsed and left aside.
 */
@Command(name = "test-settings")
public final class TestSettings {
    @Mixin private KafkaOptions kafka;
    @Mixin private EmbeddingOptions embedding;
    @Mixin private JobOptions job;
    @Mixin private SearchOptions search;
    @Mixin private QueryTopicOptions queryTopics;
    @Mixin private ServiceOptions service;

    /** {@code args} over this process's environment, as on the command line. */
    public static Settings parse(String... args) {
        return parse(System.getenv(), args);
    }

    public static Settings parse(Map<String, String> environment, String... args) {
        TestSettings options = new TestSettings();
        CommandLines.of(options, environment).parseArgs(args);
        return new SettingsBuilder().with(options.kafka).with(options.embedding).with(options.job)
                .with(options.search).with(options.queryTopics).with(options.service).build();
    }

    /**
     * The defaults for a run through {@code LocalPipeline} on the test run's database, in a table named after
     * {@code prefix} of its own: 2 subtasks, checkpoints every second, sink batches of 20 flushed within 100 ms.
     */
    public static Settings localPipeline(TestServices services, String prefix) {
        return parse().withDatabase(services.database(TestServices.uniqueName(prefix)))
                .withJob(new Settings.Job(2, Duration.ofSeconds(1), 20, Duration.ofMillis(100)));
    }

    /** The command line of every option group, e.g. to list the options they declare. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return CommandLines.of(new TestSettings(), environment);
    }
}
