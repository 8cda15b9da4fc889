package org.imagesearch.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.imagesearch.image.LoadRetries;
import org.imagesearch.image.LoaderLimits;
import picocli.CommandLine.Option;

/** Options for {@link LoaderLimits}: where images may be read and fetched from, and how much of them. */
public final class LoaderOptions {
    @Option(names = "--file-roots", paramLabel = "DIR,...",
            description = "comma-separated folders that file: URIs may read from (default: none, file: URIs refused)")
    private String fileRoots = "";

    @Option(names = "--allow-hosts", paramLabel = "HOST,...",
            description = "comma-separated host names (or IP literals) that http(s) URIs may reach whatever they "
                    + "resolve to (default: none; only public addresses are fetched)")
    private String allowHosts = "";

    @Option(names = "--allow-networks", paramLabel = "CIDR,...",
            description = "comma-separated address blocks, e.g. 127.0.0.0/8,10.1.0.0/16, that http(s) URIs and "
                    + "their redirects may reach besides public addresses (default: none)")
    private String allowNetworks = "";

    @Option(names = "--http-connect-timeout-ms", paramLabel = "MS", description = "(default: ${DEFAULT-VALUE})")
    private long connectTimeoutMs = 5_000;

    @Option(names = "--http-read-timeout-ms", paramLabel = "MS",
            description = "bounds the whole response, body included (default: ${DEFAULT-VALUE})")
    private long readTimeoutMs = 10_000;

    @Option(names = "--max-image-bytes", paramLabel = "N", description = "(default: ${DEFAULT-VALUE}, 20 MB)")
    private long maxImageBytes = 20L * 1024 * 1024;

    @Option(names = "--max-pixels", paramLabel = "N", description = "(default: ${DEFAULT-VALUE})")
    private long maxPixels = 40_000_000L;

    @Option(names = "--load-capacity", paramLabel = "N", description = "images the ingest job loads at once per "
            + "subtask, while it decodes and embeds others (default: ${DEFAULT-VALUE})")
    private int loadCapacity = LoaderLimits.DEFAULT_LOAD_CAPACITY;

    @Option(names = "--load-attempts", paramLabel = "N", description = "tries of an http(s) image after HTTP 5xx, "
            + "a failed connection or a timeout, before it is dead-lettered (default: ${DEFAULT-VALUE})")
    private int loadAttempts = LoaderLimits.DEFAULT_RETRIES.attempts();

    @Option(names = "--load-backoff-ms", paramLabel = "MS",
            description = "wait before the second try, doubled before each further one (default: ${DEFAULT-VALUE})")
    private long loadBackoffMs = LoaderLimits.DEFAULT_RETRIES.backoff().toMillis();

    public LoaderLimits limits() {
        return new LoaderLimits(roots(), entries(allowHosts), entries(allowNetworks), Duration.ofMillis(connectTimeoutMs), Duration.ofMillis(readTimeoutMs),
                maxImageBytes, maxPixels, loadCapacity, new LoadRetries(loadAttempts, Duration.ofMillis(loadBackoffMs)));
    }

    private List<String> roots() {
        return entries(fileRoots).stream()
                .map(s -> Path.of(s).toAbsolutePath().normalize())
                .peek(p -> {
                    if (!Files.isDirectory(p)) {
                        throw new IllegalArgumentException("--file-roots entry is not a folder: " + p);
                    }
                })
                .map(Path::toString)
                .toList();
    }

    private static List<String> entries(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
