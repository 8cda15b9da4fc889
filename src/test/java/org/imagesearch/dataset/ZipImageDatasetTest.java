package org.imagesearch.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.imagesearch.config.Settings;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.RgbImage;
import org.imagesearch.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipImageDatasetTest {
    private static final Path COIL = Settings.sharedDir().resolve("datasets/coil-100/coil100_images.zip");

    @Test
    void readsCoil100WithItsGroundTruth() throws Exception {
        try (Dataset dataset = Dataset.open(COIL, 42, true)) {
            assertEquals(1777, dataset.size());
            Set<String> objects = new HashSet<>();
            for (int i = 0; i < dataset.size(); i++) {
                objects.add(dataset.get(i).label());
            }
            assertEquals(99, objects.size(), "objects 2..100");
            DatasetImage image = dataset.get(0);
            String file = (String) image.metadata().get("file");
            assertTrue(file.startsWith(image.label() + "__"), file + " is a view of " + image.label());
            assertEquals(Integer.parseInt(file.substring(file.indexOf("__") + 2, file.indexOf(".jpg"))),
                    image.metadata().get("angle"));
            RgbImage decoded = new ImageDecoder(Long.MAX_VALUE).decode(image.bytes());
            assertEquals(128, decoded.width());
            assertEquals(128, decoded.height());
        }
    }

    @Test
    void withoutGroundTruthTheClassIsTheEntrysFolder(@TempDir Path dir) throws Exception {
        byte[] png = TestImages.cifar(1).get(0).bytes();
        Path zip = dir.resolve("pets.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : new String[] {"pets/cat/a.png", "pets/dog/b.png", "loose.png", "notes.txt"}) {
                out.putNextEntry(new ZipEntry(name));
                out.write(png);
                out.closeEntry();
            }
        }
        try (Dataset dataset = Dataset.open(zip, 1, true)) {
            assertEquals(3, dataset.size(), "only image entries");
            Set<String> labels = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                labels.add(String.valueOf(dataset.get(i).label()));
            }
            assertEquals(Set.of("cat", "dog", "null"), labels);
        }
    }

    @Test
    void aZipWithoutImagesIsAnError(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("empty.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.closeEntry();
        }
        assertThrows(java.io.IOException.class, () -> Dataset.open(zip, 1, true));
    }
}
