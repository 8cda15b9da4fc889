package org.imagesearch.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A finite set of images in a fixed, seeded shuffled order. Position {@code i} in that order becomes
 * image id {@code i} when published, so ids are 0..N-1 as in the reference, and any prefix
 * (a {@code --limit}) mixes all classes even when the source file is grouped by class.
 */
public interface Dataset extends AutoCloseable {
    long DEFAULT_SEED = 42;
    /** File name endings of the image formats the pipeline decodes. */
    java.util.Set<String> IMAGE_EXTENSIONS = java.util.Set.of("jpg", "jpeg", "png", "webp", "bmp", "gif");

    int size();

    DatasetImage get(int position) throws IOException;

    String describe();

    @Override
    void close() throws IOException;

    static boolean isImageFileName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
    }

    /** A CIFAR-10 or CIFAR-100 binary file ({@code *.bin}), a zip of images (COIL-100) or a folder of images. */
    static Dataset open(Path path, long seed, boolean inlineFiles) throws IOException {
        if (Files.isDirectory(path)) {
            return ImageFolderDataset.open(path, seed, inlineFiles);
        }
        String name = path.getFileName().toString();
        if (Files.isRegularFile(path) && name.endsWith(".bin")) {
            return CifarBinaryDataset.open(path, seed);
        }
        if (Files.isRegularFile(path) && name.endsWith(".zip")) {
            return ZipImageDataset.open(path, seed);
        }
        throw new IllegalArgumentException(
                "dataset must be a CIFAR binary file (*.bin), a zip of images or a folder of images: " + path);
    }
}
