package org.imagesearch.image;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the bytes of an image reference: a regular file named by a {@code file:} URI confined to the configured
 * root folders, or an {@code http(s):} URI fetched with connect/read timeouts. Both are bounded in size and
 * in time: the read timeout is the most a load waits, whatever the file system or the server does.
 */
public final class ImageLoader {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "image-loader-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final LoaderLimits limits;
    private final List<Path> realRoots;
    private final HttpClient http;

    public ImageLoader(LoaderLimits limits) {
        this.limits = limits;
        this.realRoots = limits.fileRoots().stream().map(Path::of).map(ImageLoader::realPath).toList();
        this.http = HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public byte[] load(String reference) throws ImageRejectedException {
        URI uri;
        try {
            uri = new URI(reference);
        } catch (URISyntaxException e) {
            throw reject("not a valid URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        return switch (scheme) {
            case "file" -> ReadDeadline.within(limits.readTimeout(), uri.getPath(), () -> readFile(uri));
            case "http", "https" -> fetch(uri);
            default -> throw reject("unsupported URI scheme '" + scheme + "' (use file, http or https)");
        };
    }

    private byte[] readFile(URI uri) throws ImageRejectedException {
        if (realRoots.isEmpty()) {
            throw reject("file URIs are disabled: no --file-roots configured");
        }
        Path path;
        try {
            // toRealPath resolves symbolic links and '..', so the root check cannot be sidestepped.
            path = Path.of(uri).toRealPath();
        } catch (NoSuchFileException e) {
            throw reject("file not found: " + uri.getPath());
        } catch (IOException | IllegalArgumentException e) {
            throw reject("cannot open " + uri + ": " + e.getMessage());
        }
        if (realRoots.stream().noneMatch(path::startsWith)) {
            throw reject("file is outside the configured roots: " + uri.getPath());
        }
        try {
            // Opening a FIFO blocks until a writer comes, a device may never end: read regular files only.
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw reject("not a regular file: " + uri.getPath());
            }
            limits.checkBytes(attributes.size());
            try (InputStream in = Files.newInputStream(path)) {
                return limits.readBounded(in);
            }
        } catch (IOException e) {
            throw reject("cannot read " + uri.getPath() + ": " + e.getMessage());
        }
    }

    private byte[] fetch(URI uri) throws ImageRejectedException {
        if (uri.getHost() == null) {
            throw reject("URI has no valid host: " + redact(uri));
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(limits.readTimeout()).GET().build();
        } catch (IllegalArgumentException e) {
            throw reject("URI not accepted for HTTP: " + redact(uri));
        }
        long deadline = System.nanoTime() + limits.readTimeout().toNanos();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw reject("HTTP " + response.statusCode() + " from " + redact(uri));
                }
                limits.checkBytes(response.headers().firstValueAsLong("Content-Length").orElse(-1));
                return readBefore(deadline, body, uri);
            }
        } catch (IllegalArgumentException e) {
            throw reject("URI not accepted for HTTP: " + redact(uri));
        } catch (HttpTimeoutException e) {
            throw reject("timed out fetching " + redact(uri) + ": " + e.getMessage());
        } catch (IOException e) {
            throw reject("cannot fetch " + redact(uri) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw reject("interrupted fetching " + redact(uri));
        }
    }

    /**
     * The request timeout only covers the wait for the headers; a server that then trickles or stalls
     * the body is cut off by closing the stream when the deadline passes.
     */
    private byte[] readBefore(long deadline, InputStream body, URI uri) throws IOException, ImageRejectedException {
        long remaining = Math.max(1, deadline - System.nanoTime());
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            expired.set(true);
            closeQuietly(body);
        }, remaining, TimeUnit.NANOSECONDS);
        try {
            return limits.readBounded(body);
        } catch (IOException e) {
            if (expired.get()) {
                throw reject("timed out reading the body of " + redact(uri) + " after " + limits.readTimeout().toMillis() + " ms");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // already failing: the reader sees the closed stream
        }
    }

    /** URIs may carry credentials in user info or a query string: keep them out of dead letters and logs. */
    static String redact(URI uri) {
        String host = uri.getHost() != null ? uri.getHost() : "?";
        return uri.getScheme() + "://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static Path realPath(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("file root does not exist: " + root, e);
        }
    }

    private static ImageRejectedException reject(String reason) {
        return new ImageRejectedException(ImageRejectedException.Step.LOAD, reason);
    }
}
