package org.imagesearch.config;

import picocli.CommandLine.Option;

/**
 * Where Flink's REST endpoint listens when a job runs inside this JVM rather than on a cluster. Its API has no
 * authentication and always lets a caller cancel the job, so it stays on loopback unless told otherwise.
 */
public final class FlinkRestOptions {
    @Option(names = "--flink-rest-address", paramLabel = "ADDRESS", description = "address of the local job's "
            + "Flink REST endpoint and web UI; anyone who reaches it can cancel the job (default: ${DEFAULT-VALUE})")
    private String address = "127.0.0.1";

    @Option(names = "--flink-rest-port", paramLabel = "PORTS", description = "its port, or a range to take the "
            + "first free one of, so an ingest and a query job run side by side (default: ${DEFAULT-VALUE})")
    private String ports = "8081-8099";

    public String address() {
        return address;
    }

    public String ports() {
        return ports;
    }
}
