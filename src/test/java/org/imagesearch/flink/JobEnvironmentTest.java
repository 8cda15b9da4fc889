package org.imagesearch.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.imagesearch.config.Settings;
import org.imagesearch.ingest.IngestJob;
import org.imagesearch.local.LocalFlink;
import org.imagesearch.queryjob.QueryJob;
import org.imagesearch.testing.CollectingSink;
import org.imagesearch.testing.TestMessages;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both jobs' graphs on an environment made from a Flink configuration, as a cluster makes the environment of a
 * submitted job from its own: the configuration decides the parallelism and the checkpoints unless the command
 * line gives them (a local run's is {@link LocalFlink}'s), and the settings become the job's global parameters
 * without the password.
 */
class JobEnvironmentTest {
    private static final String PASSWORD = "s3cret-pw";

    static Stream<Named<BiConsumer<Settings, StreamExecutionEnvironment>>> jobs() {
        return Stream.of(
                Named.of("ingest", (settings, env) -> new IngestJob(settings, TestMessages.source(List.of()),
                        CollectingSink.create(), CollectingSink.create()).addTo(env)),
                Named.of("query", (settings, env) -> new QueryJob(settings, TestMessages.source(List.of()),
                        CollectingSink.create()).addTo(env)));
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void theConfigurationDecidesWithoutTheFlags(BiConsumer<Settings, StreamExecutionEnvironment> job) {
        StreamGraph graph = graph(job, cluster(3, Duration.ofSeconds(7)));

        assertEquals(Set.of(3), parallelisms(graph));
        assertEquals(7_000, graph.getCheckpointConfig().getCheckpointInterval());
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void theFlagsWinWhenGiven(BiConsumer<Settings, StreamExecutionEnvironment> job) {
        StreamGraph graph = graph(job, cluster(3, Duration.ofSeconds(7)),
                "--parallelism", "2", "--checkpoint-interval-ms", "500");

        assertEquals(Set.of(2), parallelisms(graph));
        assertEquals(500, graph.getCheckpointConfig().getCheckpointInterval());
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void noCheckpointsWhenNeitherConfiguresThem(BiConsumer<Settings, StreamExecutionEnvironment> job) {
        Configuration config = new Configuration();
        config.set(CoreOptions.DEFAULT_PARALLELISM, 3);

        assertFalse(graph(job, config).getCheckpointConfig().isCheckpointingEnabled());
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void aLocalRunTakesASubtaskPerCoreAndCheckpointsEveryTenSeconds(BiConsumer<Settings, StreamExecutionEnvironment> job) {
        StreamGraph graph = graph(job, LocalFlink.configuration(LocalFlink.LOOPBACK, "0"));

        assertEquals(Set.of(Runtime.getRuntime().availableProcessors()), parallelisms(graph));
        assertEquals(10_000, graph.getCheckpointConfig().getCheckpointInterval());
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void theSettingsAreGlobalJobParametersWithoutThePassword(BiConsumer<Settings, StreamExecutionEnvironment> job) {
        Configuration config = cluster(3, Duration.ofSeconds(7));
        config.set(PipelineOptions.GLOBAL_JOB_PARAMETERS, Map.of("team", "search"));

        Map<String, String> parameters = graph(job, config, "--topic", "photos", "--table", "photo_vectors",
                "--jdbc-url", "jdbc:postgresql://db:5432/x?password=" + PASSWORD, "--db-password", PASSWORD)
                .getExecutionConfig().getGlobalJobParameters().toMap();

        assertEquals("photos", parameters.get("topic"));
        assertEquals("photo_vectors", parameters.get("table"));
        assertEquals("jdbc:postgresql://db:5432/x?password=***", parameters.get("jdbc-url"));
        assertEquals("gem-p3", parameters.get("descriptor"));
        assertEquals("100", parameters.get("sink-batch-size"));
        assertEquals("32", parameters.get("load-capacity"));
        assertEquals("200", parameters.get("load-backoff-ms"));
        assertFalse(parameters.containsKey("parallelism"), "left to the cluster, shown by it");
        assertEquals("search", parameters.get("team"), "the cluster's own parameters are kept");
        assertFalse(parameters.keySet().stream().anyMatch(key -> key.contains("password")), parameters.toString());
        assertFalse(parameters.values().stream().anyMatch(value -> value.contains(PASSWORD)), parameters.toString());
    }

    private static Configuration cluster(int parallelism, Duration checkpointInterval) {
        Configuration config = new Configuration();
        config.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        return config;
    }

    private static StreamGraph graph(BiConsumer<Settings, StreamExecutionEnvironment> job, Configuration config,
                                     String... options) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        job.accept(TestSettings.parse(Map.of(), options), env);
        StreamGraph graph = env.getStreamGraph();
        assertTrue(graph.getStreamNodes().size() >= 3, "the whole job is in the graph");
        return graph;
    }

    private static Set<Integer> parallelisms(StreamGraph graph) {
        return graph.getStreamNodes().stream().map(StreamNode::getParallelism).collect(Collectors.toSet());
    }
}
