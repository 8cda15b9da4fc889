package org.imagesearch.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imagesearch.config.Settings;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CIFAR-100 binary layout (coarse label byte, fine label byte, 3,072 pixel bytes), tested on small
 * files in that layout built from real CIFAR-10 records.
 */
class Cifar100LayoutTest {
    private static final int RECORDS = 5;
    private static final int CIFAR10_RECORD = 3073;

    @Test
    void readsFineClassCoarseClassAndPixelsWithNameFiles(@TempDir Path dir) throws Exception {
        byte[][] cifar10 = realCifar10Records();
        Path bin = writeCifar100(dir, cifar10);
        Files.write(dir.resolve("fine_label_names.txt"), List.of("apple", "aquarium_fish", "baby", "bear", "beaver",
                "bed", "bee", "beetle", "bicycle", "bottle"));
        Files.write(dir.resolve("coarse_label_names.txt"), List.of("aquatic_mammals", "fish", "flowers"));
        ImageDecoder decoder = new ImageDecoder(Long.MAX_VALUE);
        try (Dataset dataset = Dataset.open(bin, 42, true)) {
            assertEquals(RECORDS, dataset.size());
            assertTrue(dataset.describe().startsWith("CIFAR100 binary"), dataset.describe());
            Map<Integer, DatasetImage> byRecord = new HashMap<>();
            for (int i = 0; i < RECORDS; i++) {
                DatasetImage image = dataset.get(i);
                byRecord.put((Integer) image.metadata().get("record"), image);
            }
            for (int r = 0; r < RECORDS; r++) {
                DatasetImage image = byRecord.get(r);
                int fine = cifar10[r][0] & 0xFF;
                assertEquals(List.of("apple", "aquarium_fish", "baby", "bear", "beaver", "bed", "bee", "beetle",
                        "bicycle", "bottle").get(fine), image.label());
                assertEquals(List.of("aquatic_mammals", "fish", "flowers").get(r % 3), image.metadata().get("coarse_label"));
                RgbImage decoded = decoder.decode(image.bytes());
                for (int p : new int[] {0, 517, 1023}) {
                    assertEquals(cifar10[r][1 + p] & 0xFF, decoded.sample(p % 32, p / 32, 0));
                    assertEquals(cifar10[r][1 + 2048 + p] & 0xFF, decoded.sample(p % 32, p / 32, 2));
                }
            }
        }
    }

    @Test
    void recognisesTheLayoutFromTheRecordSizeAlone(@TempDir Path dir) throws Exception {
        Path bin = writeCifar100(dir, realCifar10Records());
        try (Dataset dataset = Dataset.open(bin, 1, true)) {
            assertEquals(RECORDS, dataset.size());
            DatasetImage image = dataset.get(0);
            assertEquals(String.valueOf(image.metadata().get("label_index")), image.label());
            assertArrayEquals(new int[] {32, 32}, dimensions(image));
        }
    }

    private static int[] dimensions(DatasetImage image) throws Exception {
        RgbImage decoded = new ImageDecoder(Long.MAX_VALUE).decode(image.bytes());
        return new int[] {decoded.width(), decoded.height()};
    }

    private static byte[][] realCifar10Records() throws Exception {
        byte[][] records = new byte[RECORDS][CIFAR10_RECORD];
        try (RandomAccessFile in = new RandomAccessFile(Settings.defaultDataset().toFile(), "r")) {
            for (int r = 0; r < RECORDS; r++) {
                in.seek((long) r * 7001 * CIFAR10_RECORD); // spread over the class-grouped file
                in.readFully(records[r]);
            }
        }
        return records;
    }

    /** Each CIFAR-10 record becomes coarse = r % 3, fine = its CIFAR-10 label, then the same pixels. */
    private static Path writeCifar100(Path dir, byte[][] cifar10) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int r = 0; r < cifar10.length; r++) {
            out.write(r % 3);
            out.write(cifar10[r], 0, CIFAR10_RECORD);
        }
        return Files.write(dir.resolve("train.bin"), out.toByteArray());
    }
}
