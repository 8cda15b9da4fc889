package org.imagesearch.config;

import picocli.CommandLine.Option;

/**
 * {@code --check-on-submit}: whether the client that submits a job first checks what the job's tasks would
 * otherwise find out when they open. A job run inside this JVM always checks.
 */
public final class SubmitOptions {
    @Option(names = "--check-on-submit", description = "before submitting, check here that Kafka answers, the model "
            + "file loads and the table can be used (created if missing), and fail at once if not. Always on when the "
            + "job runs in this JVM; on a cluster the job's tasks check the model and the table when they open, "
            + "where the files and the database are reached from, and fail the job with the reason")
    private boolean checkOnSubmit;

    /** Whether the client checks: always for a job run in this JVM, on a cluster when asked. */
    public boolean checkHere(boolean onCluster) {
        return checkOnSubmit || !onCluster;
    }
}
