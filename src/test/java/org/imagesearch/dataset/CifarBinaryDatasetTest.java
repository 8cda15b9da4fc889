package org.imagesearch.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.imagesearch.config.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBinaryDatasetTest {
    private static final int RECORD = 3073;
    private static final int RECORDS = 30;
    private static final List<String> CLASSES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    @TempDir
    Path temp;

    private Path bin;
    /** The records written to {@link #bin}, in file order. */
    private byte[][] records;

    /** Copies 30 real records, spread over the training file, into a small .bin with a class list beside it. */
    @BeforeEach
    void writeSmallCifarFile() throws IOException {
        Path source = Settings.sharedDir().resolve("datasets/cifar-10-binary/train.bin");
        assumeTrue(Files.isRegularFile(source), "CIFAR-10 training file not found at " + source);
        records = new byte[RECORDS][RECORD];
        try (RandomAccessFile in = new RandomAccessFile(source.toFile(), "r")) {
            long available = in.length() / RECORD;
            for (int i = 0; i < RECORDS; i++) {
                in.seek((i * (available / RECORDS)) * RECORD);
                in.readFully(records[i]);
            }
        }
        Path folder = Files.createDirectory(temp.resolve("cifar"));
        bin = folder.resolve("small.bin");
        Files.write(bin, concat(records));
        Files.write(folder.resolve("batches.meta.txt"), (String.join("\n", CLASSES) + "\n\n").getBytes());
    }

    private static byte[] concat(byte[][] parts) {
        byte[] all = new byte[parts.length * RECORD];
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, all, i * RECORD, RECORD);
        }
        return all;
    }

    private static int[] orderOf(CifarBinaryDataset dataset) throws IOException {
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = (Integer) dataset.get(i).metadata().get("record");
        }
        return order;
    }

    @Test
    void sizeIsTheNumberOfRecords() throws Exception {
        try (CifarBinaryDataset dataset = CifarBinaryDataset.open(bin, 42)) {
            assertEquals(RECORDS, dataset.size());
            assertTrue(dataset.describe().contains("30 images"), dataset.describe());
        }
    }

    @Test
    void labelsMapToClassNamesFromBatchesMeta() throws Exception {
        try (CifarBinaryDataset dataset = CifarBinaryDataset.open(bin, 42)) {
            for (int i = 0; i < dataset.size(); i++) {
                DatasetImage image = dataset.get(i);
                int record = (Integer) image.metadata().get("record");
                int label = records[record][0] & 0xFF;
                assertEquals(CLASSES.get(label), image.label(), "position " + i);
                assertEquals(label, image.metadata().get("label_index"));
            }
        }
    }

    @Test
    void withoutBatchesMetaTheLabelIsTheClassNumber() throws Exception {
        Path lone = Files.write(Files.createDirectory(temp.resolve("lone")).resolve("x.bin"), records[3]);
        try (CifarBinaryDataset dataset = CifarBinaryDataset.open(lone, 1)) {
            assertEquals(Integer.toString(records[3][0] & 0xFF), dataset.get(0).label());
        }
    }

    @Test
    void imagesAreLosslessPngsOfTheRecordsPixels() throws Exception {
        try (CifarBinaryDataset dataset = CifarBinaryDataset.open(bin, 42)) {
            for (int position : new int[] {0, 7, RECORDS - 1}) {
                DatasetImage image = dataset.get(position);
                assertNull(image.uri());
                byte[] record = records[(Integer) image.metadata().get("record")];
                BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.bytes()));
                assertEquals(32, png.getWidth());
                assertEquals(32, png.getHeight());
                for (int[] xy : new int[][] {{0, 0}, {31, 0}, {0, 31}, {31, 31}, {5, 17}, {16, 16}}) {
                    int x = xy[0];
                    int y = xy[1];
                    int rgb = png.getRGB(x, y);
                    int p = 1 + y * 32 + x;
                    String where = "position " + position + " pixel " + x + "," + y;
                    assertEquals(record[p] & 0xFF, (rgb >> 16) & 0xFF, "red at " + where);
                    assertEquals(record[p + 1024] & 0xFF, (rgb >> 8) & 0xFF, "green at " + where);
                    assertEquals(record[p + 2048] & 0xFF, rgb & 0xFF, "blue at " + where);
                }
            }
        }
    }

    @Test
    void everyPixelOfOneImageMatchesItsRecord() throws Exception {
        try (CifarBinaryDataset dataset = CifarBinaryDataset.open(bin, 42)) {
            DatasetImage image = dataset.get(3);
            byte[] record = records[(Integer) image.metadata().get("record")];
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.bytes()));
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    int p = 1 + y * 32 + x;
                    int expected = ((record[p] & 0xFF) << 16) | ((record[p + 1024] & 0xFF) << 8) | (record[p + 2048] & 0xFF);
                    assertEquals(expected, png.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void seededOrderIsAPermutationOfAllRecords() throws Exception {
        try (CifarBinaryDataset dataset = CifarBinaryDataset.open(bin, 42)) {
            int[] order = orderOf(dataset);
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            int[] all = new int[RECORDS];
            Arrays.setAll(all, i -> i);
            assertArrayEquals(all, sorted);
            assertFalse(Arrays.equals(all, order), "records should be shuffled");
        }
    }

    @Test
    void sameSeedGivesSameOrderAndAnotherSeedAnotherOrder() throws Exception {
        int[] first;
        int[] again;
        int[] other;
        try (CifarBinaryDataset dataset = CifarBinaryDataset.open(bin, 42)) {
            first = orderOf(dataset);
        }
        try (CifarBinaryDataset dataset = CifarBinaryDataset.open(bin, 42)) {
            again = orderOf(dataset);
        }
        try (CifarBinaryDataset dataset = CifarBinaryDataset.open(bin, 7)) {
            other = orderOf(dataset);
        }

        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
    }

    @Test
    void metadataNamesTheFileAndRecordIndex() throws Exception {
        try (CifarBinaryDataset dataset = CifarBinaryDataset.open(bin, 42)) {
            DatasetImage image = dataset.get(0);
            assertEquals("small.bin", image.metadata().get("dataset"));
            int record = (Integer) image.metadata().get("record");
            assertTrue(record >= 0 && record < RECORDS);
        }
    }

    @Test
    void fileWhoseSizeIsNotAMultipleOfTheRecordSizeIsRejected() throws Exception {
        Path bad = Files.write(temp.resolve("bad.bin"), Arrays.copyOf(concat(records), 2 * RECORD + 5));

        IOException e = assertThrows(IOException.class, () -> CifarBinaryDataset.open(bad, 42));
        assertTrue(e.getMessage().contains("not a multiple of 3073"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws Exception {
        Path empty = Files.write(temp.resolve("empty.bin"), new byte[0]);

        assertThrows(IOException.class, () -> CifarBinaryDataset.open(empty, 42));
    }

    @Test
    void datasetOpenRecognisesABinFile() throws Exception {
        try (Dataset dataset = Dataset.open(bin, 42, false)) {
            assertTrue(dataset instanceof CifarBinaryDataset);
            assertEquals(RECORDS, dataset.size());
        }
    }
}
