package org.imagesearch.image;

/** A decoded 8-bit RGB image, pixels interleaved row by row (R, G, B, R, G, B, ...). */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (width < 1 || height < 1 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("bad image shape " + width + "x" + height + " for " + rgb.length + " bytes");
        }
    }

    /** Channel {@code c} (0=R, 1=G, 2=B) of pixel (x, y), 0..255. */
    public int sample(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }
}
