package org.imagesearch.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.imagesearch.image.LoaderLimits;
import picocli.CommandLine.Option;

/** Options for {@link LoaderLimits}: where images may be read from, and how much of them. */
public final class LoaderOptions {
    @Option(names = "--file-roots", paramLabel = "DIR,...",
            description = "comma-separated folders that file: URIs may read from (default: none, file: URIs refused)")
    private String fileRoots = "";

    @Option(names = "--http-connect-timeout-ms", paramLabel = "MS", description = "(default: ${DEFAULT-VALUE})")
    private long connectTimeoutMs = 5_000;

    @Option(names = "--http-read-timeout-ms", paramLabel = "MS",
            description = "bounds the whole response, body included (default: ${DEFAULT-VALUE})")
    private long readTimeoutMs = 10_000;

    @Option(names = "--max-image-bytes", paramLabel = "N", description = "(default: ${DEFAULT-VALUE}, 20 MB)")
    private long maxImageBytes = 20L * 1024 * 1024;

    @Option(names = "--max-pixels", paramLabel = "N", description = "(default: ${DEFAULT-VALUE})")
    private long maxPixels = 40_000_000L;

    public LoaderLimits limits() {
        return new LoaderLimits(roots(), Duration.ofMillis(connectTimeoutMs), Duration.ofMillis(readTimeoutMs),
                maxImageBytes, maxPixels);
    }

    private List<String> roots() {
        return Arrays.stream(fileRoots.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().normalize())
                .peek(p -> {
                    if (!Files.isDirectory(p)) {
                        throw new IllegalArgumentException("--file-roots entry is not a folder: " + p);
                    }
                })
                .map(Path::toString)
                .toList();
    }
}
