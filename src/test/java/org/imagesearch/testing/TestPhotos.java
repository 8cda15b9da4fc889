package org.imagesearch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real photographs (1600x1200 JPEGs cut from Debian's wallpaper packages by {@code bench/fetch_photos.sh}) for
 * tests of the photo path. {@code IMAGE_SEARCH_PHOTOS} names a folder made by that script; otherwise a small
 * set is made under {@code target/test-photos} on first use, which needs apt's package lists and Pillow.
 */
public final class TestPhotos {
    private static final int DEFAULT_COUNT = 24;

    private TestPhotos() {}

    public static List<Path> all() throws IOException, InterruptedException {
        String configured = System.getenv("IMAGE_SEARCH_PHOTOS");
        Path folder = configured != null ? Path.of(configured) : Path.of("target", "test-photos");
        if (configured == null) {
            fetch(folder);
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> photos = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            if (photos.isEmpty()) {
                throw new IllegalStateException("no .jpg photographs in " + folder + " (IMAGE_SEARCH_PHOTOS)");
            }
            return photos;
        }
    }

    private static void fetch(Path folder) throws IOException, InterruptedException {
        Process fetch = new ProcessBuilder("bench/fetch_photos.sh", folder.toString(), "--count",
                String.valueOf(DEFAULT_COUNT)).inheritIO().start();
        if (!fetch.waitFor(10, TimeUnit.MINUTES) || fetch.exitValue() != 0) {
            fetch.destroyForcibly();
            throw new IllegalStateException("bench/fetch_photos.sh " + folder + " failed: see its output above");
        }
    }
}
