package org.imagesearch.cli;

import java.util.concurrent.Callable;
import org.imagesearch.config.CommandLines;
import picocli.CommandLine;

/**
 * A command as the job jar's {@code main}. On a Flink cluster main runs inside the client or the job manager,
 * so nothing here exits the JVM: a wrong command line or a failure propagates as an exception for Flink to report.
 */
final class JobEntryPoint {
    private JobEntryPoint() {}

    static void run(Callable<Integer> command, String[] args) throws Exception {
        CommandLine line = CommandLines.of(command, System.getenv());
        if (!CommandLine.printHelpIfRequested(line.parseArgs(args))) {
            command.call();
        }
    }
}
