package org.imagesearch.testing;

import java.util.Map;
import org.imagesearch.config.CommandLines;
import org.imagesearch.config.DatabaseOptions;
import org.imagesearch.config.JobOptions;
import org.imagesearch.config.KafkaOptions;
import org.imagesearch.config.LoaderOptions;
import org.imagesearch.config.ModelOptions;
import org.imagesearch.config.QueryTopicOptions;
import org.imagesearch.config.SearchOptions;
import org.imagesearch.config.ServiceOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.config.TableOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Settings from option strings, parsed the way the commands parse them, with every option group mixed in. */
@Command(name = "test-settings")
public final class TestSettings {
    @Mixin private KafkaOptions kafka;
    @Mixin private DatabaseOptions database;
    @Mixin private TableOptions table;
    @Mixin private ModelOptions model;
    @Mixin private LoaderOptions loader;
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
        return new SettingsBuilder().with(options.kafka).with(options.database).with(options.table)
                .with(options.model).with(options.loader).with(options.job).with(options.search)
                .with(options.queryTopics).with(options.service).build();
    }

    /** The command line of every option group, e.g. to list the options they declare. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return CommandLines.of(new TestSettings(), environment);
    }
}
