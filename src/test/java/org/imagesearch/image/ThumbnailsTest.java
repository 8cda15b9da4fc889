package org.imagesearch.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThumbnailsTest {
    private final ImageDecoder decoder = new ImageDecoder(Long.MAX_VALUE);

    @Test
    void smallImagesAreKeptLosslesslyAsPng() throws Exception {
        RgbImage image = pattern(32, 20);
        byte[] thumbnail = Thumbnails.of(image);
        assertEquals("image/png", Thumbnails.mediaType(thumbnail));
        assertArrayEquals(image.rgb(), decoder.decode(thumbnail).rgb());
    }

    @Test
    void largeImagesAreScaledToFitAsJpegKeepingTheAspectRatio() throws Exception {
        byte[] thumbnail = Thumbnails.of(pattern(800, 400));
        assertEquals("image/jpeg", Thumbnails.mediaType(thumbnail));
        RgbImage decoded = decoder.decode(thumbnail);
        assertEquals(Thumbnails.MAX_SIDE, decoded.width());
        assertEquals(Thumbnails.MAX_SIDE / 2, decoded.height());
    }

    @Test
    void mediumImagesAreNotEnlarged() throws Exception {
        RgbImage decoded = decoder.decode(Thumbnails.of(pattern(100, 90)));
        assertEquals(100, decoded.width());
        assertEquals(90, decoded.height());
    }

    @Test
    void withoutOpenCvTheThumbnailIsTheSamePicture() throws Exception {
        RgbImage photo = gradient(800, 600);
        RgbImage fast = decoder.decode(Thumbnails.of(photo));
        RgbImage java2d = decoder.decode(Thumbnails.scaledWithJava2d(photo, fast.width(), fast.height()));
        long difference = 0;
        for (int i = 0; i < fast.rgb().length; i++) {
            difference += Math.abs((fast.rgb()[i] & 0xFF) - (java2d.rgb()[i] & 0xFF));
        }
        assertTrue(difference / (double) fast.rgb().length < 4, "mean difference " + difference / (double) fast.rgb().length);
    }

    /** A picture a thumbnail can keep: smooth colours, no detail finer than its pixels. */
    private static RgbImage gradient(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                rgb[i] = (byte) (255 * x / width);
                rgb[i + 1] = (byte) (255 * y / height);
                rgb[i + 2] = (byte) (x < width / 2 ? 40 : 200);
            }
        }
        return new RgbImage(width, height, rgb);
    }

    private static RgbImage pattern(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 31 % 251);
        }
        return new RgbImage(width, height, rgb);
    }
}
