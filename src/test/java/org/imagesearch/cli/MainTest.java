package org.imagesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command tree in-process: help, refused options, suggestions and the one-line failures. */
class MainTest {
    private static final List<String> SUBCOMMANDS = List.of("demo", "walkthrough", "ingest", "query-job", "serve",
            "search", "publish", "replay-dead-letters", "status", "reindex", "eval", "projection learn", "bench ingest",
            "bench query", "bench store", "watch");
    private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/x";

    private record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void everySubcommandAnswersHelpWithItsUsageAndResolvedDefaults() {
        for (String subcommand : SUBCOMMANDS) {
            Run help = run((subcommand + " --help").split(" "));

            assertEquals(0, help.exit(), subcommand);
            assertTrue(help.out().startsWith("Usage: image-search " + subcommand + " [OPTIONS]"), help.out());
            assertTrue(help.out().contains("-h, --help"), subcommand);
            assertFalse(help.out().contains("${"), help.out());
            assertFalse(help.out().contains("default: null"), help.out());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", ""})
    void helpListsTheSubcommands(String arg) {
        Run help = arg.isEmpty() ? run() : run(arg);

        assertEquals(0, help.exit());
        for (String subcommand : List.of("demo", "walkthrough", "ingest", "query-job", "serve", "search", "publish",
                "replay-dead-letters", "status", "eval", "projection", "bench", "watch")) {
            assertTrue(help.out().contains("\n  " + subcommand + " "), subcommand + " in\n" + help.out());
        }
        assertTrue(help.out().contains("IMAGE_SEARCH_"), help.out());
    }

    @Test
    void helpTellsTheTrueDefaults() {
        assertTrue(run("projection", "learn", "--help").out().contains("(default: 0.9)"));
        assertTrue(run("eval", "--help").out().contains("(default: image_search_eval)"));
        assertTrue(run("bench", "ingest", "--help").out().contains("(default: image_search_bench)"));
        assertTrue(run("search", "--help").out().contains("-k, --k=K"));
    }

    @Test
    void anOptionTheCommandDoesNotUseIsRefused() {
        Run refused = run("publish", "--ef-search", "5");

        assertEquals(2, refused.exit());
        assertTrue(refused.err().startsWith("image-search publish: Unknown options: '--ef-search', '5'"), refused.err());
        assertEquals("", refused.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--model", "--model-name", "--descriptor", "--dimension", "--distance", "--table",
            "--hnsw-m", "--hnsw-ef-construction", "--vector-type"})
    void theWalkthroughRefusesWhatItFixes(String option) {
        Run refused = run("walkthrough", option, "1");

        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("Unknown options: '" + option + "'"), refused.err());
    }

    @Test
    void aTypoGetsASuggestion() {
        Run typo = run("demo", "--limt", "5");

        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("Did you mean --limit?"), typo.err());
        assertTrue(typo.err().contains("image-search demo --help"), typo.err());
        assertTrue(run("evl").err().contains("Did you mean eval?"));
    }

    @Test
    void aMissingRequiredOptionNamesItsEnvironmentVariable() {
        Run missing = run("publish");

        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--dataset") && missing.err().contains("IMAGE_SEARCH_DATASET"), missing.err());
    }

    @Test
    void aGroupWithoutItsSubcommandIsAUsageError() {
        Run bench = run("bench");

        assertEquals(2, bench.exit());
        assertTrue(bench.err().contains("ingest or model or query"), bench.err());
    }

    @Test
    void aBadValueIsOneLine() {
        Run bad = run("demo", "--parallelism", "0");

        assertEquals(1, bad.exit());
        assertEquals(List.of("image-search demo: --parallelism must be at least 1"), bad.errLines());
    }

    @Test
    void benchStoreRefusesABadRunAndAnUnknownVectorTypeInOneLine() {
        Run empty = run("bench", "store", "--rows", "0");
        assertEquals(1, empty.exit());
        assertEquals(List.of("image-search bench store: --rows must be at least 1, got 0"), empty.errLines());

        Run type = run("bench", "store", "--vector-type", "float8", "--jdbc-url", UNREACHABLE);
        assertEquals(1, type.exit());
        assertEquals(List.of("image-search bench store: --vector-type must be vector or halfvec, got 'float8'"),
                type.errLines());
    }

    @Test
    void benchIngestSendsImagesOneWayOnly() {
        Run both = run("bench", "ingest", "--inline", "--via-http");

        assertEquals(1, both.exit());
        assertEquals(List.of("image-search bench ingest: --inline and --via-http exclude each other"), both.errLines());
    }

    @Test
    void aBadValueFromTheEnvironmentIsOneLineToo() {
        Run bad = run(Map.of("IMAGE_SEARCH_PARALLELISM", "0"), "demo");

        assertEquals(1, bad.exit());
        assertEquals(List.of("image-search demo: --parallelism must be at least 1"), bad.errLines());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--id 1 --list", "--list --remove 2", "--id 1 --image x.png"})
    void watchTakesExactlyOneAction(String args) {
        Run refused = run(("watch " + args).trim().split(" "));

        assertOneLine(refused, "image-search watch: give exactly one of --image FILE, --id ID, --list and --remove W");
    }

    @Test
    void watchRefusesBadDistancesAndMisplacedOptionsBeforeTheDatabase() {
        assertOneLine(run("watch", "--id", "1", "--within", "-0.5", "--jdbc-url", UNREACHABLE),
                "image-search watch: --within must be a finite distance of at least 0, got -0.5");
        assertOneLine(run("watch", "--list", "--within", "0.1", "--jdbc-url", UNREACHABLE),
                "image-search watch: --within and --note go with --image or --id");
        assertOneLine(run("watch", "--image", "missing.png", "--jdbc-url", UNREACHABLE),
                "image-search watch: --image missing.png: no such readable file; check the path");
        assertOneLine(run("watch", "--list", "--jdbc-url", UNREACHABLE),
                "image-search watch: cannot use table image_search at " + UNREACHABLE);
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithoutTheStackTrace() {
        Run down = run("search", "--id", "1", "--jdbc-url", UNREACHABLE);

        assertOneLine(down, "image-search search: cannot use table image_search at " + UNREACHABLE);
        assertTrue(down.err().contains("refused"), down.err());
    }

    @Test
    void serveAgainstAnUnreachableDatabaseIsOneLine() {
        Run down = run("serve", "--port", "0", "--jdbc-url", UNREACHABLE);

        assertOneLine(down, "image-search serve: cannot use table image_search at " + UNREACHABLE);
        assertTrue(down.err().contains("refused"), down.err());
    }

    @Test
    void statusAgainstAnUnreachableDatabaseIsOneLine() {
        Run down = run("status", "--jdbc-url", UNREACHABLE, "--bootstrap-servers", "127.0.0.1:1");

        assertOneLine(down, "image-search status: Connection to 127.0.0.1:1 refused");
    }

    /** Each refused before the database is tried, which is unreachable here. */
    @Test
    void reindexRefusesWhatItCannotDoInOneLine() {
        assertOneLine(run("reindex", "--jdbc-url", UNREACHABLE),
                "image-search reindex: give --to-table NAME (the new table), or --rollback");
        assertOneLine(run("reindex", "--rollback", "--switch", "--jdbc-url", UNREACHABLE),
                "image-search reindex: --rollback goes alone: it replays nothing and switches back");
        assertOneLine(run("reindex", "--to-table", "v2; DROP TABLE image_search", "--jdbc-url", UNREACHABLE),
                "image-search reindex: table name must match [a-z_][a-z0-9_]{0,47} (lower case, digits, underscore), "
                        + "got 'v2; DROP TABLE image_search'");
    }

    @Test
    void reindexAgainstAnUnreachableDatabaseIsOneLine() {
        assertOneLine(run("reindex", "--to-table", "image_search_v2", "--jdbc-url", UNREACHABLE),
                "image-search reindex: Connection to 127.0.0.1:1 refused");
    }

    /** One CIFAR record is enough for eval to get as far as the database. */
    @Test
    void evalAgainstAnUnreachableDatabaseIsOneLine(@TempDir Path folder) throws IOException {
        Path dataset = Files.write(folder.resolve("one.bin"), new byte[3073]);

        assertOneLine(run("eval", "--dataset", dataset.toString(), "--report", folder.resolve("report").toString(),
                "--jdbc-url", UNREACHABLE), "image-search eval: Connection to 127.0.0.1:1 refused");
    }

    /** The database is unreachable too: copy detection's refusals come before any connection is tried. */
    @Test
    void evalCopiesRefusesNoCopiesAndWhiteningInOneLine() {
        assertOneLine(run("eval", "--copies", "0", "--jdbc-url", UNREACHABLE),
                "image-search eval: --copies must be at least 1, got 0");
        assertOneLine(run("eval", "--copies", "5", "--whitening", "16", "--jdbc-url", UNREACHABLE),
                "image-search eval: --copies measures the configured descriptor: give a learned --projection rather "
                        + "than --whitening");
    }

    /** The database is unreachable too: a wrong path is said before any connection is tried. */
    @Test
    void aMissingQueryImageIsOneLine() {
        assertOneLine(run("search", "--image", "/no/such/file.jpg", "--jdbc-url", UNREACHABLE),
                "image-search search: --image /no/such/file.jpg: no such readable file; check the path");
    }

    @Test
    void aGridInAMissingFolderIsOneLine() {
        assertOneLine(run("search", "--id", "1", "--grid", "/no/such/dir/out.png", "--jdbc-url", UNREACHABLE),
                "image-search search: --grid /no/such/dir/out.png: no folder /no/such/dir; create it or pick another");
    }

    @Test
    void aGridThatIsAFolderIsOneLine(@TempDir Path folder) {
        assertOneLine(run("search", "--id", "1", "--grid", folder.toString(), "--jdbc-url", UNREACHABLE),
                "image-search search: --grid " + folder + " is a folder: give a file name such as "
                        + folder.resolve("grid.png"));
    }

    @Test
    void aGridInAFolderThatIsNotWritableIsOneLine(@TempDir Path folder) throws IOException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        assumeFalse(Files.isWritable(folder), "root writes anywhere");
        Path grid = folder.resolve("out.png");

        assertOneLine(run("search", "--id", "1", "--grid", grid.toString(), "--jdbc-url", UNREACHABLE),
                "image-search search: --grid " + grid + ": cannot write there; pick another folder");
    }

    /** Said before the database, which is unreachable here, is tried. */
    @Test
    void servingOnAPortInUseIsOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertOneLine(run("serve", "--port", String.valueOf(port), "--jdbc-url", UNREACHABLE),
                    "image-search serve: cannot listen on 127.0.0.1:" + port
                            + " (Address already in use): stop what listens there or pick another --port or --host");
        }
    }

    @Test
    void ingestPrintsItsBannerAndAnUnreachableBrokerIsOneLineWithinFifteenSeconds() {
        long start = System.nanoTime();
        Run down = run("ingest", "--bootstrap-servers", "127.0.0.1:1", "--topic", "t", "--parallelism", "3");

        assertTrue((System.nanoTime() - start) / 1e9 < 15, "took " + (System.nanoTime() - start) / 1e9 + " s");
        assertEquals(1, down.exit());
        assertTrue(down.out().startsWith("image-search ingest: Kafka 127.0.0.1:1, topic t, table image_search, "
                + "parallelism 3, checkpoints in memory, starting afresh"), down.out());
        assertEquals(List.of("image-search ingest: Kafka at 127.0.0.1:1 did not answer within 10 s"), down.errLines());
    }

    @Test
    void aPasswordInTheJdbcUrlIsNotPrinted() {
        Run down = run("search", "--id", "1", "--jdbc-url", UNREACHABLE + "?user=u&password=s3cret-pw&ssl=false");

        assertEquals(1, down.exit());
        assertFalse(down.err().contains("s3cret-pw"), down.err());
        assertTrue(down.err().contains("password=***&ssl=false"), down.err());
    }

    @Test
    void userInfoInTheJdbcUrlIsNotPrinted() {
        Run down = run("search", "--id", "1", "--jdbc-url", "jdbc:postgresql://u:s3cret-pw@127.0.0.1:1/x");

        assertEquals(1, down.exit());
        assertFalse(down.err().contains("s3cret-pw"), down.err());
    }

    @Test
    void expectedFailuresAreFoundAmongTheCausesAndSaidInOneLine() {
        assertEquals("image-search: db down", handled(new RuntimeException(new SQLException("db down"))));
        assertEquals("image-search: no such file: /x.jpg",
                handled(new UncheckedIOException(new NoSuchFileException("/x.jpg"))));
        assertEquals("image-search: Port already in use",
                handled(new RuntimeException("Port already in use", new BindException("Address already in use"))));
    }

    @Test
    void anythingElseShowsItsStackTrace() {
        String printed = handled(new NullPointerException("a bug"));

        assertTrue(printed.startsWith("java.lang.NullPointerException: a bug"), printed);
        assertTrue(printed.contains("\tat "), printed);
    }

    /** Exit 1 and a single line starting with {@code line}, no stack trace, on stderr only. */
    private static void assertOneLine(Run run, String line) {
        assertEquals(1, run.exit(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith(line), run.err());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
        assertEquals("", run.out());
    }

    private static String handled(Exception e) {
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new Main()).setErr(new PrintWriter(err, true));
        assertEquals(1, new ErrorHandler().handleExecutionException(e, line, null));
        return err.toString().strip();
    }
}
