package org.imagesearch.cli;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * A shutdown hook that stops the job with a savepoint (SIGTERM, Ctrl-C): the source stops at a barrier, the
 * sinks flush everything before it, and the savepoint records the offsets after it, so a process resumed from it
 * neither loses nor re-processes a message. Prints the savepoint's path for {@code --from-savepoint}.
 */
final class SavepointOnShutdown extends Thread {
    private static final long TIMEOUT_SECONDS = 60;

    private final JobClient job;
    private final String savepointDir;
    private final PrintWriter out;
    private final PrintWriter err;

    SavepointOnShutdown(JobClient job, String savepointDir, PrintWriter out, PrintWriter err) {
        super("stop-with-savepoint");
        this.job = job;
        this.savepointDir = savepointDir;
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        try {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                return;
            }
            String path = job.stopWithSavepoint(false, savepointDir, SavepointFormatType.CANONICAL)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            out.println("image-search ingest: stopped with savepoint " + path);
            out.flush();
        } catch (Exception e) {
            err.println("image-search ingest: stopping with a savepoint failed, resume from the latest checkpoint: " + e);
            err.flush();
        }
    }
}
