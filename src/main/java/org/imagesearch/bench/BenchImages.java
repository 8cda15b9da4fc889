package org.imagesearch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.dataset.ImageFolderDataset;
import org.imagesearch.image.LoaderLimits;

/**
 * The benchmark's data set as one {@link ImageDelivery} sends it: the image each message carries, the loader
 * limits the job needs to read it (the folder as a file root, or the loopback server's address allowed), the
 * encoded bytes for the model-only rate and the files for the Python loop. Owns the server of
 * {@link ImageDelivery#HTTP}.
 */
public final class BenchImages implements AutoCloseable {
    private final Dataset dataset;
    private final ImageDelivery delivery;
    private final Duration serverDelay;
    private final LoopbackImageServer server;

    private BenchImages(Dataset dataset, ImageDelivery delivery, Duration serverDelay, LoopbackImageServer server) {
        this.dataset = dataset;
        this.delivery = delivery;
        this.serverDelay = serverDelay;
        this.server = server;
    }

    public static BenchImages open(Path path, long seed, ImageDelivery delivery) throws IOException {
        return open(path, seed, delivery, Duration.ZERO);
    }

    /** With {@link ImageDelivery#HTTP}, the server answers each request after {@code serverDelay}. */
    public static BenchImages open(Path path, long seed, ImageDelivery delivery, Duration serverDelay)
            throws IOException {
        if (serverDelay.isNegative() || delivery != ImageDelivery.HTTP && !serverDelay.isZero()) {
            throw new IllegalArgumentException("--server-delay-ms takes 0 or more milliseconds, and only with --via-http");
        }
        Dataset dataset = Dataset.open(path, seed, delivery == ImageDelivery.INLINE);
        try {
            if (delivery == ImageDelivery.FILE && !(dataset instanceof ImageFolderDataset)) {
                throw new IllegalArgumentException("file: URIs need a folder of image files: " + path
                        + " goes --inline or --via-http");
            }
            LoopbackImageServer server = delivery == ImageDelivery.HTTP
                    ? LoopbackImageServer.start(position -> bytes(dataset, position), dataset.size(), serverDelay) : null;
            return new BenchImages(dataset, delivery, serverDelay, server);
        } catch (IOException | RuntimeException e) {
            dataset.close();
            throw e;
        }
    }

    public int size() {
        return dataset.size();
    }

    public ImageDelivery delivery() {
        return delivery;
    }

    /** How long the image server waits before each answer (zero when there is none). */
    public Duration serverDelay() {
        return serverDelay;
    }

    public String describe() {
        return dataset.describe();
    }

    /** The image as the message for {@code position} carries it. */
    DatasetImage message(int position) throws IOException {
        DatasetImage image = dataset.get(position);
        return delivery == ImageDelivery.HTTP
                ? new DatasetImage(image.label(), null, server.uri(position), image.metadata()) : image;
    }

    /** The encoded image file at {@code position}. */
    byte[] bytes(int position) throws IOException {
        return bytes(dataset, position);
    }

    private static byte[] bytes(Dataset dataset, int position) throws IOException {
        return dataset instanceof ImageFolderDataset folder ? Files.readAllBytes(folder.file(position))
                : dataset.get(position).bytes();
    }

    /** The configured limits plus what the job needs to read these messages' images. */
    LoaderLimits loader(LoaderLimits configured) {
        return switch (delivery) {
            case FILE -> configured.withRoot(((ImageFolderDataset) dataset).root());
            case HTTP -> configured.withAllowedNetwork(LoopbackImageServer.NETWORK);
            case INLINE -> configured;
        };
    }

    /** The files at positions 0..count-1, for a program that reads files itself; a folder's only. */
    List<Path> files(int count) {
        if (!(dataset instanceof ImageFolderDataset folder)) {
            throw new IllegalArgumentException("--compare-python needs a folder of image files, not " + describe());
        }
        return IntStream.range(0, count).mapToObj(folder::file).toList();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        dataset.close();
    }
}
