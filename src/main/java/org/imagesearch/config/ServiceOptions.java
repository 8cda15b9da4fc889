package org.imagesearch.config;

import picocli.CommandLine.Option;

/** Options for {@link Settings.Service}: where the search service listens and what it accepts. */
public final class ServiceOptions {
    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "where to listen; 0.0.0.0 serves other machines (default: ${DEFAULT-VALUE})")
    private String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "(default: ${DEFAULT-VALUE})")
    private int port = 8080;

    @Option(names = "--max-upload-bytes", paramLabel = "N",
            description = "largest request body accepted (default: ${DEFAULT-VALUE}, 10 MB)")
    private long maxUploadBytes = 10L * 1024 * 1024;

    @Option(names = "--requests-per-minute", paramLabel = "N",
            description = "per client address, for /api (default: ${DEFAULT-VALUE})")
    private int requestsPerMinute = 600;

    public Settings.Service service() {
        return new Settings.Service(host, port, maxUploadBytes, requestsPerMinute);
    }
}
