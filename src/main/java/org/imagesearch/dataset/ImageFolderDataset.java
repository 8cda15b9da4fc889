package org.imagesearch.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder of image files, {@code <root>/<class>/<file>} (files directly in the root have no class).
 * Images go out as {@code file:} URIs, which the job reads under its file roots, or inline as bytes.
 */
public final class ImageFolderDataset implements Dataset {

    private final Path root;
    private final List<Path> files;
    private final int[] order;
    private final boolean inline;

    private ImageFolderDataset(Path root, List<Path> files, int[] order, boolean inline) {
        this.root = root;
        this.files = files;
        this.order = order;
        this.inline = inline;
    }

    public static ImageFolderDataset open(Path root, long seed, boolean inline) throws IOException {
        Path realRoot = root.toRealPath();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(realRoot)) {
            files = walk.filter(Files::isRegularFile).filter(f -> Dataset.isImageFileName(f.getFileName().toString())).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no image files (" + IMAGE_EXTENSIONS + ") under " + root);
        }
        return new ImageFolderDataset(realRoot, files, SeededOrder.permutation(files.size(), seed), inline);
    }

    public Path root() {
        return root;
    }

    @Override
    public int size() {
        return files.size();
    }

    /** The file at {@code position} of the seeded order. */
    public Path file(int position) {
        return files.get(order[position]);
    }

    @Override
    public DatasetImage get(int position) throws IOException {
        Path file = file(position);
        Path relative = root.relativize(file);
        String label = relative.getNameCount() > 1 ? relative.getName(0).toString() : null;
        Map<String, Object> metadata = Map.of("file", relative.toString());
        return inline
                ? new DatasetImage(label, Files.readAllBytes(file), null, metadata)
                : new DatasetImage(label, null, file.toUri().toString(), metadata);
    }

    @Override
    public String describe() {
        return "image folder " + root + " (" + size() + " images)";
    }

    @Override
    public void close() {
    }
}
