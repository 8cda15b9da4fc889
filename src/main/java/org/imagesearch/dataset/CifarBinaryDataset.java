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
 * The CIFAR-10 binary layout: records of 1 label byte and 3,072 pixel bytes (32x32 R plane, G plane,
 * B plane, row-major). Class names come from {@code batches.meta.txt} beside the file when present.
 * Each image is published as a lossless PNG so the pipeline decodes exactly the stored pixels.
 */
public final class CifarBinaryDataset implements Dataset {
    static final int SIDE = 32;
    static final int RECORD_BYTES = 1 + 3 * SIDE * SIDE;

    private final Path file;
    private final FileChannel channel;
    private final List<String> classNames;
    private final int[] order;

    private CifarBinaryDataset(Path file, FileChannel channel, List<String> classNames, int[] order) {
        this.file = file;
        this.channel = channel;
        this.classNames = classNames;
        this.order = order;
    }

    public static CifarBinaryDataset open(Path file, long seed) throws IOException {
        long bytes = Files.size(file);
        if (bytes == 0 || bytes % RECORD_BYTES != 0) {
            throw new IOException(file + " is not in the CIFAR-10 binary layout: " + bytes
                    + " bytes is not a multiple of " + RECORD_BYTES);
        }
        Path meta = file.resolveSibling("batches.meta.txt");
        List<String> names = Files.isRegularFile(meta)
                ? Files.readAllLines(meta).stream().map(String::trim).filter(s -> !s.isEmpty()).toList()
                : List.of();
        int records = (int) (bytes / RECORD_BYTES);
        return new CifarBinaryDataset(file, FileChannel.open(file, StandardOpenOption.READ), names,
                SeededOrder.permutation(records, seed));
    }

    @Override
    public int size() {
        return order.length;
    }

    @Override
    public DatasetImage get(int position) throws IOException {
        int record = order[position];
        ByteBuffer buffer = ByteBuffer.allocate(RECORD_BYTES);
        long offset = (long) record * RECORD_BYTES;
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("unexpected end of " + file);
            }
        }
        byte[] data = buffer.array();
        int label = data[0] & 0xFF;
        String className = label < classNames.size() ? classNames.get(label) : Integer.toString(label);
        return new DatasetImage(className, toPng(data), null,
                Map.of("dataset", file.getFileName().toString(), "record", record, "label_index", label));
    }

    static byte[] toPng(byte[] data) throws IOException {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        int plane = SIDE * SIDE;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int p = 1 + y * SIDE + x;
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
        return "CIFAR-10 binary " + file + " (" + size() + " images, " + Math.max(classNames.size(), 10) + " classes)";
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
