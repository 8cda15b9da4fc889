package org.imagesearch.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Limits for reading images: the folders {@code file:} URIs may come from, the hosts and networks beyond the
 * public internet that may be fetched from, how long and how much to fetch, how many pixels may be decoded, and,
 * for the ingest job, how many loads one subtask keeps in flight and how failed ones are retried. Shipped to the
 * Flink tasks, hence serializable (paths, names and CIDR blocks as strings).
 */
public record LoaderLimits(List<String> fileRoots, List<String> allowHosts, List<String> allowNetworks,
                           Duration connectTimeout, Duration readTimeout, long maxBytes, long maxPixels,
                           int loadCapacity, LoadRetries retries)
        implements Serializable {
    /** Loads in flight per subtask by default: at 200 ms a load, 160 images/s, more than a core embeds. */
    public static final int DEFAULT_LOAD_CAPACITY = 32;
    public static final LoadRetries DEFAULT_RETRIES = new LoadRetries(3, Duration.ofMillis(200));

    public LoaderLimits {
        if (connectTimeout.toMillis() < 1 || readTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("--http-connect-timeout-ms and --http-read-timeout-ms must be positive");
        }
        if (maxBytes < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("--max-image-bytes and --max-pixels must be positive");
        }
        if (loadCapacity < 1 || loadCapacity > 1024) {
            throw new IllegalArgumentException("--load-capacity must be in 1..1024, got " + loadCapacity);
        }
        fileRoots = List.copyOf(fileRoots);
        allowHosts = List.copyOf(allowHosts);
        allowNetworks = List.copyOf(allowNetworks);
        allowNetworks.forEach(Network::parse); // a malformed entry fails at start-up, not in a task
    }

    /** The policy for the addresses of every HTTP hop, resolving names with the system resolver. */
    AddressPolicy addressPolicy() {
        return new AddressPolicy(allowHosts, allowNetworks, InetAddress::getAllByName);
    }

    /** The same limits with one more folder that {@code file:} URIs may point into. */
    public LoaderLimits withRoot(Path root) {
        List<String> roots = new ArrayList<>(fileRoots);
        roots.add(root.toString());
        return new LoaderLimits(roots, allowHosts, allowNetworks, connectTimeout, readTimeout, maxBytes, maxPixels,
                loadCapacity, retries);
    }

    /** The same limits with one more address block (CIDR) that HTTP fetches may reach. */
    public LoaderLimits withAllowedNetwork(String cidr) {
        List<String> networks = new ArrayList<>(allowNetworks);
        networks.add(cidr);
        return new LoaderLimits(fileRoots, allowHosts, networks, connectTimeout, readTimeout, maxBytes, maxPixels,
                loadCapacity, retries);
    }

    /** The same limits with another pixel limit. */
    public LoaderLimits withMaxPixels(long pixels) {
        return new LoaderLimits(fileRoots, allowHosts, allowNetworks, connectTimeout, readTimeout, maxBytes, pixels,
                loadCapacity, retries);
    }

    /** Refuses an image of {@code size} bytes when it is over {@link #maxBytes}. */
    public void checkBytes(long size) throws ImageRejectedException {
        if (size > maxBytes) {
            throw new ImageRejectedException(ImageRejectedException.Step.LOAD,
                    "image is " + size + " bytes, more than the limit of " + maxBytes);
        }
    }

    /** Reads {@code in} to its end, refusing it as soon as it passes {@link #maxBytes}. */
    public byte[] readBounded(InputStream in) throws IOException, ImageRejectedException {
        byte[] bytes = BoundedRead.atMost(in, maxBytes);
        if (bytes == null) {
            throw new ImageRejectedException(ImageRejectedException.Step.LOAD,
                    "image is larger than the limit of " + maxBytes + " bytes");
        }
        return bytes;
    }
}
