package org.imagesearch.cli;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.imagesearch.image.Redaction;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * What the user sees when a command fails. A wrong command line: picocli's message, suggestions for a typo,
 * a pointer to --help, exit 2. An expected failure (a bad value, the database unreachable, a missing file, the
 * port in use): one line {@code image-search <subcommand>: <message>}, exit 1. Anything else is a bug: its
 * stack trace, exit 1. A JDBC URL's password and any URI's user info are masked in all of them.
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private static final List<Class<? extends Throwable>> EXPECTED = List.of(IllegalArgumentException.class,
            IllegalStateException.class, SQLException.class, NoSuchFileException.class, FileNotFoundException.class,
            BindException.class, UncheckedIOException.class);

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        err.println(Redaction.text(name(line) + ": " + e.getMessage()));
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            err.println("Did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?");
        }
        err.println("See '" + name(line) + " --help'.");
        return line.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine line, ParseResult parsed) {
        PrintWriter err = line.getErr();
        if (isExpected(e)) {
            err.println(Redaction.text(name(line) + ": " + message(e)));
        } else {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(Redaction.text(trace.toString()));
        }
        err.flush();
        return line.getCommandSpec().exitCodeOnExecutionException();
    }

    /** {@code image-search projection learn}. */
    private static String name(CommandLine line) {
        return line.getCommandSpec().qualifiedName();
    }

    /** The exception or one of its causes: a SQLException wrapped by a driver or a pool counts too. */
    private static boolean isExpected(Throwable e) {
        return Stream.iterate(e, Objects::nonNull, Throwable::getCause)
                .anyMatch(cause -> EXPECTED.stream().anyMatch(type -> type.isInstance(cause)));
    }

    /** The first message that says more than the exception it wraps. */
    private static String message(Throwable e) {
        Throwable shown = e;
        while (shown.getCause() != null
                && (shown.getMessage() == null || shown.getMessage().equals(shown.getCause().toString()))) {
            shown = shown.getCause();
        }
        if (shown instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        return shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    }
}
