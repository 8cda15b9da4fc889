package org.imagesearch.image;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Reads the bytes of an image reference: a regular file named by a {@code file:} URI confined to the configured
 * root folders, or an {@code http(s):} URI fetched from public addresses or configured ones only (see
 * {@link HttpImageFetcher}). Both are bounded in size and in time: the read timeout is the most a load waits,
 * whatever the file system or the server does. Reasons never quote user info or query strings.
 */
public final class ImageLoader {
    private final LoaderLimits limits;
    private final List<Path> realRoots;
    private final HttpImageFetcher http;

    public ImageLoader(LoaderLimits limits) {
        this.limits = limits;
        this.realRoots = limits.fileRoots().stream().map(Path::of).map(ImageLoader::realPath).toList();
        this.http = new HttpImageFetcher(limits, limits.addressPolicy());
    }

    public byte[] load(String reference) throws ImageRejectedException {
        URI uri;
        try {
            uri = new URI(reference);
        } catch (URISyntaxException e) {
            throw reject("not a valid URI (" + e.getReason() + "): " + Redaction.reference(reference));
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
            throw reject("cannot open " + uri.getPath() + ": " + e.getMessage());
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
        // java.net.URI leaves the host null where a name is malformed ("my_host"): refused before any lookup.
        if (uri.getHost() == null) {
            throw reject("URI has no valid host: " + Redaction.uri(uri));
        }
        return http.fetch(uri);
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
