package org.imagesearch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.imagesearch.embed.Descriptor;
import org.imagesearch.embed.DistanceMetric;
import org.imagesearch.image.LoadRetries;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** Settings from the option groups through the environment defaults, as every command makes them. */
class SettingsTest {
    private static final Map<String, String> NO_ENV = Map.of();

    /** Every option of the README's configuration table. */
    private static final Set<String> OPTIONS = Set.of(
            "--bootstrap-servers", "--topic", "--dead-letter-topic", "--alert-topic", "--group-id", "--start-offsets",
            "--jdbc-url", "--db-user", "--db-password", "--table", "--dimension", "--distance", "--duplicate-distance", "--hnsw-m",
            "--hnsw-ef-construction", "--vector-type", "--model", "--model-name", "--descriptor", "--gem-p", "--flip-invariant", "--input-size", "--projection",
            "--file-roots", "--allow-hosts", "--allow-networks", "--http-connect-timeout-ms", "--http-read-timeout-ms", "--max-image-bytes", "--max-pixels",
            "--load-capacity", "--load-attempts", "--load-backoff-ms",
            "--parallelism", "--checkpoint-interval-ms", "--embed-batch-size", "--embed-batch-wait-ms", "--sink-batch-size", "--sink-batch-interval-ms",
            "--ef-search", "--query-expansion", "--requests-topic", "--results-topic", "--host", "--port",
            "--max-upload-bytes", "--requests-per-minute", "--max-query-pixels", "--allowed-hosts");

    @TempDir
    Path temp;

    private static Settings settings(Map<String, String> env, String... args) {
        return TestSettings.parse(env, args);
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        Settings s = settings(NO_ENV);

        assertEquals("localhost:9092", s.kafka().bootstrapServers());
        assertEquals("image-ingest", s.kafka().topic());
        assertEquals("image-ingest-dlq", s.kafka().deadLetterTopic());
        assertEquals("image-search-ingest", s.kafka().groupId());
        assertEquals(Settings.StartOffsets.COMMITTED, s.kafka().startOffsets());
        assertEquals("jdbc:postgresql://127.0.0.1:55432/imagesearch", s.database().jdbcUrl());
        assertEquals("imagesearch", s.database().user());
        assertEquals(new TableSpec("image_search", 512, DistanceMetric.COSINE, 16, 64), s.database().table());
        assertEquals("squeezenet1_0-features.pt", s.model().path().getFileName().toString());
        assertEquals("squeezenet1_0-features", s.model().name());
        assertEquals(Descriptor.of("gem", 3, 112), s.model().descriptor());
        assertNull(s.model().descriptor().projection());
        assertEquals(0, s.search().queryExpansion());
        assertEquals(List.of(), s.loader().fileRoots());
        assertEquals(Duration.ofSeconds(5), s.loader().connectTimeout());
        assertEquals(Duration.ofSeconds(10), s.loader().readTimeout());
        assertEquals(20L * 1024 * 1024, s.loader().maxBytes());
        assertEquals(40_000_000L, s.loader().maxPixels());
        assertEquals(32, s.loader().loadCapacity());
        assertEquals(new LoadRetries(3, Duration.ofMillis(200)), s.loader().retries());
        assertNull(s.job().parallelism(), "the Flink environment's");
        assertNull(s.job().checkpointInterval(), "the Flink environment's");
        assertEquals(100, s.job().sinkBatchSize());
        assertEquals(Duration.ofMillis(100), s.job().sinkBatchInterval());
        assertEquals(8, s.embedBatchSize());
        assertEquals(Duration.ofMillis(20), s.job().embedBatchWait());
    }

    @Test
    void theModelsBatchesHoldTheSamePixelsAtAnyInputSizeUnlessGiven() {
        assertEquals(8, settings(NO_ENV, "--input-size", "112").embedBatchSize());
        assertEquals(2, settings(NO_ENV, "--input-size", "224").embedBatchSize());
        assertEquals(1, settings(NO_ENV, "--input-size", "448").embedBatchSize());
        assertEquals(5, settings(NO_ENV, "--input-size", "224", "--embed-batch-size", "5").embedBatchSize());
    }

    @Test
    void partsNoCommandConfiguresTakeTheSameDefaults() {
        assertEquals(settings(NO_ENV), new SettingsBuilder().build());
    }

    @Test
    void environmentVariablesOverrideDefaults() {
        Settings s = settings(Map.of("IMAGE_SEARCH_TOPIC", "from-env", "IMAGE_SEARCH_SINK_BATCH_SIZE", "7",
                "IMAGE_SEARCH_DISTANCE", "cosine", "IMAGE_SEARCH_DB_PASSWORD", "from-env-pw"));

        assertEquals("from-env", s.kafka().topic());
        assertEquals(7, s.job().sinkBatchSize());
        assertEquals(DistanceMetric.COSINE, s.database().table().distance());
        assertEquals("from-env-pw", s.database().password());
    }

    @Test
    void commandLineBeatsEnvironment() {
        Settings s = settings(Map.of("IMAGE_SEARCH_TOPIC", "from-env", "IMAGE_SEARCH_PARALLELISM", "3"),
                "--topic", "from-args", "--parallelism=2");

        assertEquals("from-args", s.kafka().topic());
        assertEquals(2, s.job().parallelism());
    }

    @Test
    void emptyValueFallsBackToTheDefault() {
        Settings s = settings(Map.of("IMAGE_SEARCH_TOPIC", ""));

        assertEquals("image-ingest", s.kafka().topic());
    }

    @Test
    void environmentVariablesAreNamedAfterTheOption() {
        assertEquals("IMAGE_SEARCH_JDBC_URL", EnvironmentDefaults.variableName("--jdbc-url"));
        assertEquals("IMAGE_SEARCH_K", EnvironmentDefaults.variableName("-k"));
    }

    @Test
    void everyDeclaredOptionIsAccepted() {
        CommandLine.Model.CommandSpec spec = TestSettings.commandLine(NO_ENV).getCommandSpec();
        Set<String> declared = new TreeSet<>();
        spec.options().forEach(option -> declared.add(option.longestName()));

        assertEquals(new TreeSet<>(OPTIONS), declared);
    }

    @Test
    void unknownOptionIsRejected() {
        CommandLine.UnmatchedArgumentException e = assertThrows(CommandLine.UnmatchedArgumentException.class,
                () -> settings(NO_ENV, "--topic", "t", "--tpoic", "typo"));
        assertTrue(e.getMessage().contains("--tpoic"), e.getMessage());
    }

    @Test
    void unknownEnvironmentVariablesAreNotRejected() {
        settings(Map.of("IMAGE_SEARCH_WHATEVER", "1"));
    }

    @Test
    void badIntegerNamesTheOptionAndTheValue() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> settings(NO_ENV, "--sink-batch-size", "ten"));
        assertEquals("Invalid value for option '--sink-batch-size': 'ten' is not an integer", e.getMessage());

        CommandLine.ParameterException fromEnv = assertThrows(CommandLine.ParameterException.class,
                () -> settings(Map.of("IMAGE_SEARCH_MAX_IMAGE_BYTES", "1MB")));
        assertTrue(fromEnv.getMessage().contains("--max-image-bytes"), fromEnv.getMessage());
    }

    @Test
    void theVectorTypeIsVectorUnlessHalfvecIsAskedFor() {
        assertEquals(VectorType.VECTOR, settings(NO_ENV).database().table().vectorType());
        assertEquals(VectorType.HALFVEC, settings(NO_ENV, "--vector-type", "halfvec").database().table().vectorType());
        assertEquals(VectorType.HALFVEC,
                settings(Map.of("IMAGE_SEARCH_VECTOR_TYPE", "halfvec")).database().table().vectorType());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(NO_ENV, "--vector-type", "float8"));
        assertEquals("--vector-type must be vector or halfvec, got 'float8'", e.getMessage());
    }

    @Test
    void integersMayUseUnderscores() {
        Settings s = settings(NO_ENV, "--max-pixels", "1_000_000");

        assertEquals(1_000_000L, s.loader().maxPixels());
    }

    @Test
    void numbersThatAreNotFiniteAreRejected() {
        assertThrows(CommandLine.ParameterException.class, () -> settings(NO_ENV, "--gem-p", "NaN"));
        assertThrows(CommandLine.ParameterException.class, () -> settings(NO_ENV, "--port", "99999999999"));
    }

    @Test
    void nonPositiveLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--parallelism", "0"));
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--sink-batch-size", "0"));
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--embed-batch-size", "0"));
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--embed-batch-wait-ms", "-1"));
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--max-image-bytes", "0"));
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--max-pixels", "-1"));
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--load-capacity", "0"));
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--load-attempts", "0"));
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--load-backoff-ms", "-1"));
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--max-upload-bytes", "0"));
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--max-query-pixels", "0"));
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--ef-search", "0"));
    }

    @Test
    void startOffsetsAreCaseInsensitive() {
        assertEquals(Settings.StartOffsets.EARLIEST, settings(NO_ENV, "--start-offsets", "earliest").kafka().startOffsets());
        assertEquals(Settings.StartOffsets.LATEST, settings(NO_ENV, "--start-offsets", "Latest").kafka().startOffsets());
    }

    @Test
    void fileRootsAreSplitOnCommasAndMadeAbsolute() throws Exception {
        Path a = java.nio.file.Files.createDirectory(temp.resolve("a"));
        Path b = java.nio.file.Files.createDirectory(temp.resolve("b"));

        Settings s = settings(NO_ENV, "--file-roots", a + " , " + b + "/../b,");

        assertEquals(List.of(a.toAbsolutePath().normalize().toString(), b.toAbsolutePath().normalize().toString()),
                s.loader().fileRoots());
    }

    @Test
    void fileRootThatIsNotAFolderIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(NO_ENV, "--file-roots", temp.resolve("missing").toString()));
        assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
    }

    @Test
    void modelNameDefaultsToTheModelFileName() {
        Settings s = settings(NO_ENV, "--model", "/models/resnet18.pt");

        assertEquals(Path.of("/models/resnet18.pt"), s.model().path());
        assertEquals("resnet18", s.model().name());
        assertEquals("custom", settings(NO_ENV, "--model", "/m/x.pt", "--model-name", "custom").model().name());
    }

    @Test
    void dimensionAndDistanceFollowTheDescriptorUnlessGiven() {
        TableSpec logits = settings(NO_ENV, "--descriptor", "logits").database().table();
        TableSpec given = settings(NO_ENV, "--descriptor", "logits", "--dimension", "64", "--distance", "cosine")
                .database().table();

        assertEquals(1000, logits.dimension());
        assertEquals(DistanceMetric.L2, logits.distance());
        assertEquals("squeezenet1_0", settings(NO_ENV, "--descriptor", "logits").model().name());
        assertEquals(64, given.dimension());
        assertEquals(DistanceMetric.COSINE, given.distance());
    }

    @Test
    void aCommandWithATableOfItsOwnNamesItsDefault() {
        assertEquals("image_search_eval", new TableOptions("image_search_eval").table(Descriptor.reference()).name());
    }

    @Test
    void passwordIsNotPrinted() {
        Settings s = settings(NO_ENV, "--db-password", "s3cret-pw");

        assertEquals("s3cret-pw", s.database().password());
        assertFalse(s.database().toString().contains("s3cret-pw"));
        assertFalse(s.toString().contains("s3cret-pw"));
    }

    @Test
    void allowedHostsAndNetworksAreListsFromTheCommandLineOrTheEnvironment() {
        Settings s = settings(Map.of("IMAGE_SEARCH_ALLOW_NETWORKS", "127.0.0.0/8, fc00::/7"),
                "--allow-hosts", "images.internal.example,,localhost");

        assertEquals(List.of("images.internal.example", "localhost"), s.loader().allowHosts());
        assertEquals(List.of("127.0.0.0/8", "fc00::/7"), s.loader().allowNetworks());
        assertEquals(List.of(), settings(NO_ENV).loader().allowNetworks());
    }

    @Test
    void malformedAllowedNetworkFailsAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--allow-networks", "10.0.0.0/40"));
    }

    @Test
    void passwordInsideTheJdbcUrlIsNotPrinted() {
        Settings s = settings(NO_ENV, "--jdbc-url", "jdbc:postgresql://u:s3cret-a@127.0.0.1:1/x?user=u&password=s3cret-b");

        assertFalse(s.database().toString().contains("s3cret"), s.database().toString());
        assertFalse(s.toString().contains("s3cret"), s.toString());
        assertTrue(s.database().toString().contains("127.0.0.1:1/x?user=u&password=***"), s.database().toString());
    }

    @Command(name = "with-flag")
    static final class WithFlag {
        @Mixin KafkaOptions kafka;
        @Option(names = "--verbose") boolean verbose;
        @Parameters List<String> positional;
    }

    @Test
    void flagsTakeNoValueAndOtherOptionsNeedOne() {
        WithFlag command = new WithFlag();
        CommandLines.of(command, NO_ENV).parseArgs("--verbose", "positional", "--topic", "t");

        assertTrue(command.verbose);
        assertEquals(List.of("positional"), command.positional);
        assertEquals("t", command.kafka.kafka().topic());
        assertThrows(CommandLine.MissingParameterException.class, () -> settings(NO_ENV, "--topic"));
    }

    @Command(name = "with-projection")
    static final class WithProjection {
        @Mixin ProjectionOptions projection;
    }

    private static ProjectionChoice projection(Map<String, String> env, String... args) {
        WithProjection command = new WithProjection();
        CommandLines.of(command, env).parseArgs(args);
        return command.projection.choice();
    }

    @Test
    void projectionIsChosenApartFromTheSettings() {
        assertEquals(ProjectionChoice.NONE, projection(NO_ENV));
        assertEquals(ProjectionChoice.LATEST, projection(NO_ENV, "--projection", "latest"));
        assertEquals(new ProjectionChoice.Version(3), projection(Map.of("IMAGE_SEARCH_PROJECTION", "3")));
        assertThrows(IllegalArgumentException.class, () -> projection(NO_ENV, "--projection", "newest"));
    }

    @Test
    void withMethodsReplaceOnePart() {
        Settings s = settings(NO_ENV);
        Settings.Job job = new Settings.Job(1, Duration.ofSeconds(1), 5, Duration.ofMillis(10));

        Settings changed = s.withJob(job);

        assertEquals(job, changed.job());
        assertEquals(s.kafka(), changed.kafka());
        assertEquals(s.loader(), changed.loader());
    }
}
