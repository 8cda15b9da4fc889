package org.imagesearch.dataset;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The CIFAR binary layouts: CIFAR-10 records hold 1 label byte, CIFAR-100 records a coarse and a fine
 * label byte, then 3,072 pixel bytes (32x32 R plane, G plane, B plane, row-major). The layout is told by
 * the label-name files beside the data ({@code batches.meta.txt}, {@code fine_label_names.txt}) or else
 * by the record size. Each image is published as a lossless PNG so the pipeline decodes the stored pixels.
 */
public final class CifarBinaryDataset implements Dataset {
    static final int SIDE = 32;
    static final int PIXEL_BYTES = 3 * SIDE * SIDE;

    /** How many label bytes precede the pixels, and where the class names are. */
    enum Layout {
        CIFAR10(1, "batches.meta.txt", null),
        CIFAR100(2, "fine_label_names.txt", "coarse_label_names.txt");

        final int labelBytes;
        final String namesFile;
        final String coarseNamesFile;

        Layout(int labelBytes, String namesFile, String coarseNamesFile) {
            this.labelBytes = labelBytes;
            this.namesFile = namesFile;
            this.coarseNamesFile = coarseNamesFile;
        }

        int recordBytes() {
            return labelBytes + PIXEL_BYTES;
        }
    }

    private final Path file;
    private final Layout layout;
    private final FileChannel channel;
    private final List<String> classNames;
    private final List<String> coarseNames;
    private final int[] order;

    private CifarBinaryDataset(Path file, Layout layout, FileChannel channel, List<String> classNames,
                               List<String> coarseNames, int[] order) {
        this.file = file;
        this.layout = layout;
        this.channel = channel;
        this.classNames = classNames;
        this.coarseNames = coarseNames;
        this.order = order;
    }

    public static CifarBinaryDataset open(Path file, long seed) throws IOException {
        long bytes = Files.size(file);
        Layout layout = layoutOf(file, bytes);
        int records = (int) (bytes / layout.recordBytes());
        return new CifarBinaryDataset(file, layout, FileChannel.open(file, StandardOpenOption.READ),
                names(file, layout.namesFile), names(file, layout.coarseNamesFile), SeededOrder.permutation(records, seed));
    }

    private static Layout layoutOf(Path file, long bytes) throws IOException {
        for (Layout layout : Layout.values()) {
            if (Files.isRegularFile(file.resolveSibling(layout.namesFile))) {
                if (bytes == 0 || bytes % layout.recordBytes() != 0) {
                    throw new IOException(file + " is not in the " + layout + " binary layout: " + bytes
                            + " bytes is not a multiple of " + layout.recordBytes());
                }
                return layout;
            }
        }
        for (Layout layout : Layout.values()) {
            if (bytes > 0 && bytes % layout.recordBytes() == 0) {
                return layout;
            }
        }
        throw new IOException(file + " is not a CIFAR binary file: " + bytes + " bytes is not a multiple of "
                + Layout.CIFAR10.recordBytes() + " (CIFAR-10) nor of " + Layout.CIFAR100.recordBytes() + " (CIFAR-100)");
    }

    private static List<String> names(Path file, String namesFile) throws IOException {
        Path names = namesFile == null ? null : file.resolveSibling(namesFile);
        return names != null && Files.isRegularFile(names)
                ? Files.readAllLines(names).stream().map(String::trim).filter(s -> !s.isEmpty()).toList()
                : List.of();
    }

    @Override
    public int size() {
        return order.length;
    }

    @Override
    public DatasetImage get(int position) throws IOException {
        int record = order[position];
        ByteBuffer buffer = ByteBuffer.allocate(layout.recordBytes());
        long offset = (long) record * layout.recordBytes();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("unexpected end of " + file);
            }
        }
        byte[] data = buffer.array();
        // The class is the last label byte: CIFAR-10's only label, CIFAR-100's fine one.
        int label = data[layout.labelBytes - 1] & 0xFF;
        Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        metadata.put("dataset", file.getFileName().toString());
        metadata.put("record", record);
        metadata.put("label_index", label);
        if (layout == Layout.CIFAR100) {
            int coarse = data[0] & 0xFF;
            metadata.put("coarse_label", nameOf(coarseNames, coarse));
        }
        return new DatasetImage(nameOf(classNames, label), toPng(data, layout.labelBytes), null, metadata);
    }

    private static String nameOf(List<String> names, int index) {
        return index < names.size() ? names.get(index) : Integer.toString(index);
    }

    static byte[] toPng(byte[] data, int pixelOffset) throws IOException {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        int plane = SIDE * SIDE;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int p = pixelOffset + y * SIDE + x;
                int r = data[p] & 0xFF;
                int g = data[p + plane] & 0xFF;
                int b = data[p + 2 * plane] & 0xFF;
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Override
    public String describe() {
        return layout + " binary " + file + " (" + size() + " images" + (classNames.isEmpty() ? ""
                : ", " + classNames.size() + " classes") + ")";
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
