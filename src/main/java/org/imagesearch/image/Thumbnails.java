package org.imagesearch.image;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The small picture stored with each row, so that search answers can show what they found whatever the
 * source was (inline bytes, a file the service cannot read, a URL that is gone). Small images are kept
 * as lossless PNG; larger ones are scaled to fit {@link #MAX_SIDE} and stored as JPEG, through OpenCV when its
 * natives are loaded (about a tenth of Java2D's area averaging and ImageIO's encoder on a photo's 400x300).
 */
public final class Thumbnails {
    public static final int MAX_SIDE = 160;
    private static final int LOSSLESS_UP_TO = 64;
    private static final int JPEG_QUALITY = 85;

    private Thumbnails() {}

    public static byte[] of(RgbImage image) {
        int longSide = Math.max(image.width(), image.height());
        if (longSide <= LOSSLESS_UP_TO) {
            return ImageEncoding.png(toBufferedImage(image));
        }
        double scale = Math.min(1.0, (double) MAX_SIDE / longSide);
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        return OpenCvJpeg.available() ? OpenCvJpeg.scaledJpeg(image, w, h, JPEG_QUALITY) : scaledWithJava2d(image, w, h);
    }

    /** The same thumbnail where OpenCV's natives are missing. */
    static byte[] scaledWithJava2d(RgbImage image, int w, int h) {
        BufferedImage source = toBufferedImage(image);
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(source.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        return ImageEncoding.jpeg(scaled, JPEG_QUALITY / 100f);
    }

    /** The media type of stored thumbnail bytes. */
    public static String mediaType(byte[] thumbnail) {
        return thumbnail.length > 3 && (thumbnail[0] & 0xFF) == 0x89 && thumbnail[1] == 'P' ? "image/png" : "image/jpeg";
    }

    static BufferedImage toBufferedImage(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        int[] row = new int[image.width()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                row[x] = (image.sample(x, y, 0) << 16) | (image.sample(x, y, 1) << 8) | image.sample(x, y, 2);
            }
            out.setRGB(0, y, image.width(), 1, row, 0, image.width());
        }
        return out;
    }
}
