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
import org.imagesearch.embed.Descriptor;
import org.imagesearch.embed.DistanceMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path temp;

    private static Options options(Map<String, String> env, String... args) {
        return Options.parse(args, Set.of("verbose"), env);
    }

    private static Settings settings(Map<String, String> env, String... args) {
        return Settings.from(options(env, args));
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
        assertEquals(Runtime.getRuntime().availableProcessors(), s.job().parallelism());
        assertEquals(Duration.ofSeconds(10), s.job().checkpointInterval());
        assertEquals(100, s.job().sinkBatchSize());
        assertEquals(Duration.ofMillis(100), s.job().sinkBatchInterval());
    }

    @Test
    void environmentVariablesOverrideDefaults() {
        Settings s = settings(Map.of("IMAGE_SEARCH_TOPIC", "from-env", "IMAGE_SEARCH_SINK_BATCH_SIZE", "7",
                "IMAGE_SEARCH_DISTANCE", "cosine"));

        assertEquals("from-env", s.kafka().topic());
        assertEquals(7, s.job().sinkBatchSize());
        assertEquals(DistanceMetric.COSINE, s.database().table().distance());
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
    void everyDeclaredOptionIsAccepted() {
        String[] args = Settings.OPTIONS.stream().flatMap(name -> List.of("--" + name, "x").stream()).toArray(String[]::new);

        options(NO_ENV, args).rejectUnknown(Settings.OPTIONS);
    }

    @Test
    void unknownOptionIsRejected() {
        Options options = options(NO_ENV, "--topic", "t", "--tpoic", "typo");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> options.rejectUnknown(Settings.OPTIONS));
        assertTrue(e.getMessage().contains("--tpoic"), e.getMessage());
    }

    @Test
    void unknownEnvironmentVariablesAreNotRejected() {
        options(Map.of("IMAGE_SEARCH_WHATEVER", "1")).rejectUnknown(Settings.OPTIONS);
    }

    @Test
    void badIntegerNamesTheOptionAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(NO_ENV, "--sink-batch-size", "ten"));
        assertEquals("--sink-batch-size must be an integer, got 'ten'", e.getMessage());

        IllegalArgumentException fromEnv = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("IMAGE_SEARCH_MAX_IMAGE_BYTES", "1MB")));
        assertTrue(fromEnv.getMessage().contains("--max-image-bytes"), fromEnv.getMessage());
    }

    @Test
    void integersMayUseUnderscores() {
        Settings s = settings(NO_ENV, "--max-pixels", "1_000_000");

        assertEquals(1_000_000L, s.loader().maxPixels());
    }

    @Test
    void nonPositiveLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--parallelism", "0"));
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--sink-batch-size", "0"));
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--max-image-bytes", "0"));
        assertThrows(IllegalArgumentException.class, () -> settings(NO_ENV, "--max-pixels", "-1"));
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
    void passwordIsNotPrinted() {
        Settings s = settings(NO_ENV, "--db-password", "s3cret-pw");

        assertEquals("s3cret-pw", s.database().password());
        assertFalse(s.database().toString().contains("s3cret-pw"));
        assertFalse(s.toString().contains("s3cret-pw"));
    }

    @Test
    void flagsTakeNoValueAndOtherOptionsNeedOne() {
        Options options = options(NO_ENV, "--verbose", "positional", "--topic", "t");

        assertTrue(options.flag("verbose"));
        assertEquals(List.of("positional"), options.positional());
        assertEquals("t", options.get("topic", null));
        assertThrows(IllegalArgumentException.class, () -> options(NO_ENV, "--topic"));
    }

    @Test
    void requireNamesTheOptionAndItsEnvironmentVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> options(NO_ENV).require("jdbc-url"));
        assertEquals("missing --jdbc-url (or IMAGE_SEARCH_JDBC_URL)", e.getMessage());
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
