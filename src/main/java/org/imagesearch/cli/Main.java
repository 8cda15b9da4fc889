package org.imagesearch.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.imagesearch.config.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code bin/image-search <subcommand> [options]}: the one entry point of the project. */
@Command(name = "image-search", mixinStandardHelpOptions = true, versionProvider = Version.class,
        scope = ScopeType.INHERIT, sortOptions = false, abbreviateSynopsis = true, usageHelpAutoWidth = true,
        description = "Reverse image search: Kafka -> Flink + SqueezeNet -> PostgreSQL/pgvector. "
                + "Each subcommand lists its options with --help.",
        footer = {"", "Every option can also be set as an environment variable IMAGE_SEARCH_<OPTION> (upper case, "
                + "dashes as underscores, e.g. IMAGE_SEARCH_DB_PASSWORD); the command line wins."},
        subcommands = {DemoCommand.class, WalkthroughCommand.class, IngestCommand.class, QueryJobCommand.class,
                ServeCommand.class, SearchCommand.class, PublishCommand.class, ReplayDeadLettersCommand.class,
                StatusCommand.class, DuplicatesCommand.class, DedupReportCommand.class, ReindexCommand.class,
                WatchCommand.class,
                EvalCommand.class, ProjectionCommand.class, BenchCommand.class, HelpCommand.class})
public final class Main implements Runnable {
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line to its end and returns the exit code; only {@link #main} exits the JVM. */
    static int execute(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        ErrorHandler errors = new ErrorHandler();
        return CommandLines.of(new Main(), environment).setOut(out).setErr(err)
                .setParameterExceptionHandler(errors).setExecutionExceptionHandler(errors).execute(args);
    }

    /** Without a subcommand: the list of subcommands. */
    @Override
    public void run() {
        CommandLine line = spec.commandLine();
        line.usage(line.getOut());
    }
}
