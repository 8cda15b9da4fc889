package org.imagesearch.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.imagesearch.config.Settings;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.RgbImage;
import org.imagesearch.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real SqueezeNet model: loads, embeds, and fails fast and clearly on a wrong setup. */
class ImageEmbedderTest {

    private static final Descriptor LOGITS = Descriptor.reference();

    @Test
    void embedsARealImageIntoTheSameVectorEveryTime() throws Exception {
        RgbImage image = new ImageDecoder(Long.MAX_VALUE).decode(TestImages.cifar(1).get(0).bytes());
        try (ImageEmbedder embedder = ImageEmbedder.load(new ModelSpec(Settings.defaultModelPath(LOGITS).toString(), "test", LOGITS, 1000))) {
            float[] first = embedder.embed(image);
            float[] second = embedder.embed(image);
            assertEquals(1000, first.length);
            for (int i = 0; i < first.length; i++) {
                assertEquals(first[i], second[i], 1e-6);
            }
            // The classifier output ends in ReLU and global average pooling: non-negative, not all zero.
            float sum = 0;
            for (float v : first) {
                assertTrue(v >= 0, "non-negative");
                sum += v;
            }
            assertTrue(sum > 0);
        }
    }

    @Test
    void aMissingModelFileFailsWithItsPath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.pt");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ImageEmbedder.load(new ModelSpec(missing.toString(), "test", LOGITS, 1000)));
        assertTrue(e.getMessage().contains("model file not found") && e.getMessage().contains("nope.pt"), e.getMessage());
    }

    @Test
    void aBrokenModelFileFailsClearly(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.pt"), "this is not TorchScript");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ImageEmbedder.load(new ModelSpec(broken.toString(), "test", LOGITS, 1000)));
        assertTrue(e.getMessage().startsWith("cannot load model file"), e.getMessage());
    }

    @Test
    void aDimensionThatDoesNotMatchTheModelFailsAtLoad() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ImageEmbedder.load(new ModelSpec(Settings.defaultModelPath(LOGITS).toString(), "test", LOGITS, 512)));
        assertTrue(e.getMessage().contains("gives 1000 values per image but the table expects 512"), e.getMessage());
    }

    @Test
    void aPooledDescriptorOnTheClassifierModelFailsAtLoad() {
        Descriptor gem = Descriptor.of("gem", 3, 112);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ImageEmbedder.load(new ModelSpec(Settings.defaultModelPath(LOGITS).toString(), "test", gem, 512)));
        assertTrue(e.getMessage().contains("pooling needs a [C, H, W] feature map"), e.getMessage());
    }
}
