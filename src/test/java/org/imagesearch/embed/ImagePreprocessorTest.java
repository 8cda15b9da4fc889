package org.imagesearch.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.GZIPInputStream;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks the preprocessing against tensors computed independently with Pillow and numpy by
 * {@code src/test/resources/preprocessing/make_expected.py}, which replays torchvision's
 * {@code Resize(256) -> CenterCrop(224) -> ToTensor() -> Normalize(ImageNet)} step by step.
 */
class ImagePreprocessorTest {
    private static final int CROP = 224;
    private static final int TENSOR_LENGTH = 3 * CROP * CROP;
    private static final double TOLERANCE = 1e-6;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImagePreprocessorTest.class.getResourceAsStream("/preprocessing/" + name)) {
            assertNotNull(in, "missing test resource preprocessing/" + name + " (see make_expected.py)");
            return in.readAllBytes();
        }
    }

    private static float[] expectedTensor(String name) throws IOException {
        byte[] raw;
        try (InputStream in = new GZIPInputStream(
                ImagePreprocessorTest.class.getResourceAsStream("/preprocessing/" + name + ".f32.gz"))) {
            raw = in.readAllBytes();
        }
        assertEquals(TENSOR_LENGTH * 4, raw.length, "expected tensor size of " + name);
        float[] values = new float[TENSOR_LENGTH];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** The generator's formula, to prove the PNG decodes to the image the expected values were made from. */
    private static int[] formulaPixel(int x, int y) {
        return new int[] {(x * 7 + y * 3) % 256, (x * x + y) % 256, (x * y * 5) % 256};
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "formula_32x32, 32, 32",    // upscale, like CIFAR-10
        "formula_40x30, 40, 30",    // landscape upscale to 341x256, left offset 58.5 rounds to 58
        "formula_500x333, 500, 333" // downscale to 384x256 through the antialiasing filter
    })
    void tensorMatchesTorchvisionReferenceComputedWithPillow(String name, int width, int height) throws Exception {
        RgbImage image = new ImageDecoder(10_000_000).decode(resource(name + ".png"));
        assertEquals(width, image.width());
        assertEquals(height, image.height());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] rgb = formulaPixel(x, y);
                for (int c = 0; c < 3; c++) {
                    assertEquals(rgb[c], image.sample(x, y, c), "decoded pixel " + x + "," + y + " channel " + c);
                }
            }
        }
        float[] expected = expectedTensor(name);

        float[] actual = ImagePreprocessor.reference().toTensor(image);

        assertEquals(TENSOR_LENGTH, actual.length);
        double maxDiff = 0;
        int worst = -1;
        int mismatches = 0;
        for (int i = 0; i < TENSOR_LENGTH; i++) {
            double diff = Math.abs((double) actual[i] - expected[i]);
            if (diff > TOLERANCE) {
                mismatches++;
            }
            if (diff > maxDiff || worst < 0) {
                maxDiff = Math.max(diff, maxDiff);
                worst = i;
            }
        }
        int c = worst / (CROP * CROP);
        int y = worst % (CROP * CROP) / CROP;
        int x = worst % CROP;
        assertTrue(maxDiff <= TOLERANCE, name + ": " + mismatches + " of " + TENSOR_LENGTH + " values differ; max |diff| "
                + maxDiff + " at channel " + c + ", row " + y + ", column " + x + " (expected " + expected[worst]
                + ", got " + actual[worst] + ")");
    }

    @Test
    void tensorHasThreeChannelsOfCropSquared() {
        RgbImage image = new RgbImage(300, 200, new byte[300 * 200 * 3]);

        assertEquals(3 * 224 * 224, ImagePreprocessor.reference().toTensor(image).length);
        assertEquals(3 * 10 * 10, new ImagePreprocessor(12, 10).toTensor(image).length);
        assertEquals(224, ImagePreprocessor.reference().crop());
    }

    @Test
    void uniformImageNormalisesEveryValueOfAChannelAlike() {
        byte[] rgb = new byte[50 * 70 * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) 255;
            rgb[i + 1] = 0;
            rgb[i + 2] = (byte) 128;
        }

        float[] tensor = ImagePreprocessor.reference().toTensor(new RgbImage(50, 70, rgb));

        int plane = 224 * 224;
        float red = (1f - 0.485f) / 0.229f;
        float green = (0f - 0.456f) / 0.224f;
        float blue = (128 / 255f - 0.406f) / 0.225f;
        for (int i = 0; i < plane; i++) {
            assertEquals(red, tensor[i], "red " + i);
            assertEquals(green, tensor[plane + i], "green " + i);
            assertEquals(blue, tensor[2 * plane + i], "blue " + i);
        }
    }

    @Test
    void cropLargerThanResizeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ImagePreprocessor(224, 256));
        assertThrows(IllegalArgumentException.class, () -> new ImagePreprocessor(256, 0));
    }

    @Test
    void cropEqualToResizeIsAllowed() {
        assertEquals(224, new ImagePreprocessor(224, 224).crop());
    }
}
