package org.imagesearch.config;

import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--max-query-pixels", paramLabel = "N",
            description = "largest query image in pixels, read from its header before decoding; below ingestion's "
                    + "--max-pixels because many queries decode at once (default: ${DEFAULT-VALUE})")
    private long maxQueryPixels = 16_000_000L;

    @Option(names = "--allowed-hosts", paramLabel = "NAME", split = ",",
            description = "host names the service answers to (the Host header, port ignored), against DNS rebinding "
                    + "(default: the --host address, localhost, 127.0.0.1 and [::1])")
    private List<String> allowedHosts = new ArrayList<>();

    public Settings.Service service() {
        List<String> hosts = allowedHosts.isEmpty() ? List.of(host, "localhost", "127.0.0.1", "[::1]") : allowedHosts;
        return new Settings.Service(host, port, maxUploadBytes, requestsPerMinute, maxQueryPixels, hosts);
    }
}
