package org.imagesearch.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Images inside a zip file, published inline. The class of an image comes from a {@code groundtruth.tsv}
 * beside the zip when there is one (COIL-100's: {@code image, object_id, angle_deg}), else from the
 * folder the entry sits in.
 */
public final class ZipImageDataset implements Dataset {
    private final Path file;
    private final ZipFile zip;
    private final List<ZipEntry> entries;
    private final Map<String, String[]> groundTruth;
    private final int[] order;

    private ZipImageDataset(Path file, ZipFile zip, List<ZipEntry> entries, Map<String, String[]> groundTruth,
                            int[] order) {
        this.file = file;
        this.zip = zip;
        this.entries = entries;
        this.groundTruth = groundTruth;
        this.order = order;
    }

    public static ZipImageDataset open(Path file, long seed) throws IOException {
        ZipFile zip = new ZipFile(file.toFile());
        List<ZipEntry> entries = zip.stream()
                .filter(e -> !e.isDirectory() && Dataset.isImageFileName(e.getName()))
                .sorted(java.util.Comparator.comparing(ZipEntry::getName))
                .collect(java.util.stream.Collectors.toList());
        if (entries.isEmpty()) {
            zip.close();
            throw new IOException("no image files in " + file);
        }
        return new ZipImageDataset(file, zip, entries, groundTruth(file.resolveSibling("groundtruth.tsv")),
                SeededOrder.permutation(entries.size(), seed));
    }

    /** file name -> the rest of its row (object id, then any further columns such as the angle). */
    private static Map<String, String[]> groundTruth(Path tsv) throws IOException {
        Map<String, String[]> rows = new HashMap<>();
        if (Files.isRegularFile(tsv)) {
            List<String> lines = Files.readAllLines(tsv);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] cells = line.split("\t");
                if (cells.length >= 2) {
                    rows.put(cells[0], java.util.Arrays.copyOfRange(cells, 1, cells.length));
                }
            }
        }
        return rows;
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public DatasetImage get(int position) throws IOException {
        ZipEntry entry = entries.get(order[position]);
        String name = entry.getName();
        String fileName = name.substring(name.lastIndexOf('/') + 1);
        String[] truth = groundTruth.get(fileName);
        Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        metadata.put("file", name);
        String label;
        if (truth != null) {
            label = "obj" + truth[0];
            if (truth.length > 1) {
                metadata.put("angle", Integer.parseInt(truth[1]));
            }
        } else {
            int slash = name.lastIndexOf('/');
            label = slash > 0 ? name.substring(name.lastIndexOf('/', slash - 1) + 1, slash) : null;
        }
        try (var in = zip.getInputStream(entry)) {
            return new DatasetImage(label, in.readAllBytes(), null, metadata);
        }
    }

    @Override
    public String describe() {
        return "zip " + file + " (" + size() + " images" + (groundTruth.isEmpty() ? "" : ", ground truth beside it") + ")";
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
