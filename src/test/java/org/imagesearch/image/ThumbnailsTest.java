package org.imagesearch.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static RgbImage pattern(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 31 % 251);
        }
        return new RgbImage(width, height, rgb);
    }
}
