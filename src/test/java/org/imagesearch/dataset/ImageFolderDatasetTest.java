package org.imagesearch.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {
    @TempDir
    Path temp;

    private Path root;
    /** Relative path -> file bytes of every image written. */
    private final Map<String, byte[]> images = new HashMap<>();

    private static byte[] png(int shade) throws IOException {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, shade);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private void image(String relative, int shade) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        byte[] bytes = png(shade);
        Files.write(file, bytes);
        images.put(relative, bytes);
    }

    /** root/cat/a.png, root/cat/b.PNG, root/dog/c.jpg, root/dog/d.webp, root/loose.png, plus files that are not images. */
    @BeforeEach
    void writeTree() throws IOException {
        root = Files.createDirectory(temp.resolve("images"));
        image("cat/a.png", 1);
        image("cat/b.PNG", 2);
        image("dog/c.jpg", 3); // the content is a PNG: only the extension matters for listing
        image("dog/d.webp", 5);
        image("loose.png", 4);
        Files.writeString(root.resolve("cat/notes.txt"), "not an image");
        Files.writeString(root.resolve("dog/.hidden"), "x");
        Files.writeString(root.resolve("README"), "x");
        Files.createDirectories(root.resolve("empty-class"));
    }

    @Test
    void onlyImageFilesAreListed() throws Exception {
        try (ImageFolderDataset dataset = ImageFolderDataset.open(root, 42, false)) {
            assertEquals(5, dataset.size());
            assertTrue(dataset.describe().contains("5 images"), dataset.describe());
        }
    }

    @Test
    void uriModeGivesFileUrisAndTheClassFromTheFolder() throws Exception {
        Map<String, String> labelByFile = new HashMap<>();
        try (ImageFolderDataset dataset = ImageFolderDataset.open(root, 42, false)) {
            for (int i = 0; i < dataset.size(); i++) {
                DatasetImage image = dataset.get(i);
                assertNull(image.bytes());
                assertNotNull(image.uri());
                URI uri = URI.create(image.uri());
                assertEquals("file", uri.getScheme());
                Path file = Path.of(uri);
                String relative = dataset.root().relativize(file).toString();
                assertEquals(relative, image.metadata().get("file"));
                assertArrayEquals(images.get(relative), Files.readAllBytes(file));
                labelByFile.put(relative, image.label());
            }
        }
        Map<String, String> expected = new HashMap<>();
        expected.put("cat/a.png", "cat");
        expected.put("cat/b.PNG", "cat");
        expected.put("dog/c.jpg", "dog");
        expected.put("dog/d.webp", "dog");
        expected.put("loose.png", null); // directly in the root: no class
        assertEquals(expected, labelByFile);
    }

    @Test
    void inlineModeGivesTheFileBytes() throws Exception {
        try (ImageFolderDataset dataset = ImageFolderDataset.open(root, 42, true)) {
            for (int i = 0; i < dataset.size(); i++) {
                DatasetImage image = dataset.get(i);
                assertNull(image.uri());
                String relative = (String) image.metadata().get("file");
                assertArrayEquals(images.get(relative), image.bytes(), relative);
            }
        }
    }

    @Test
    void sameSeedGivesSameOrderCoveringEveryFile() throws Exception {
        try (ImageFolderDataset a = ImageFolderDataset.open(root, 5, true);
             ImageFolderDataset b = ImageFolderDataset.open(root, 5, true)) {
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).metadata().get("file"), b.get(i).metadata().get("file"));
                seen.add(a.get(i).metadata().get("file"));
            }
            assertEquals(images.keySet(), seen);
        }
    }

    @Test
    void folderWithoutImagesIsAnError() throws Exception {
        Path empty = Files.createDirectory(temp.resolve("nothing"));
        Files.writeString(empty.resolve("notes.txt"), "no images here");

        IOException e = assertThrows(IOException.class, () -> ImageFolderDataset.open(empty, 42, false));
        assertTrue(e.getMessage().contains("no image files"), e.getMessage());
    }

    @Test
    void emptyFolderIsAnError() throws Exception {
        assertThrows(IOException.class, () -> ImageFolderDataset.open(root.resolve("empty-class"), 42, false));
    }

    @Test
    void datasetOpenRecognisesAFolder() throws Exception {
        try (Dataset dataset = Dataset.open(root, 42, false)) {
            assertTrue(dataset instanceof ImageFolderDataset);
        }
    }
}
