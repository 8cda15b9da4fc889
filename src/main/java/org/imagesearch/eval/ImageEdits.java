package org.imagesearch.eval;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.awt.image.RescaleOp;
import java.util.Random;

/**
 * The Java2D operations the copy edits are made of. Every one takes and returns a {@code TYPE_INT_RGB} image, so the
 * ops' clamping and colour handling are the same whatever the source format was.
 */
final class ImageEdits {
    private ImageEdits() {}

    static BufferedImage rgb(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /** A {@code fraction} of each side, at a seeded offset: copies are rarely cut exactly around the centre. */
    static BufferedImage crop(BufferedImage image, double fraction, Random random) {
        int width = Math.max(1, (int) Math.round(image.getWidth() * fraction));
        int height = Math.max(1, (int) Math.round(image.getHeight() * fraction));
        int left = random.nextInt(image.getWidth() - width + 1);
        int top = random.nextInt(image.getHeight() - height + 1);
        return rgb(image.getSubimage(left, top, width, height));
    }

    static BufferedImage mirror(BufferedImage image) {
        AffineTransform flip = new AffineTransform(-1, 0, 0, 1, image.getWidth(), 0);
        return new AffineTransformOp(flip, AffineTransformOp.TYPE_NEAREST_NEIGHBOR)
                .filter(image, new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB));
    }

    /**
     * Turned about the centre, then cut to the largest centred rectangle of the same shape that holds no border: a
     * rotated copy as editors save it, without the filled corners that would be an edit of their own.
     */
    static BufferedImage rotate(BufferedImage image, double degrees) {
        double theta = Math.toRadians(degrees);
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage turned = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(theta, w / 2.0, h / 2.0);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        // the inscribed rectangle of aspect w:h scales by 1 / (cos + (long/short side) * sin)
        double cos = Math.abs(Math.cos(theta));
        double sin = Math.abs(Math.sin(theta));
        double scale = 1 / (cos + sin * Math.max(w, h) / Math.min(w, h));
        int cw = Math.max(1, (int) Math.floor(w * scale));
        int ch = Math.max(1, (int) Math.floor(h * scale));
        return rgb(turned.getSubimage((w - cw) / 2, (h - ch) / 2, cw, ch));
    }

    /** Every channel times {@code gain} plus {@code offset}, clamped to 0..255. */
    static BufferedImage levels(BufferedImage image, float gain, float offset) {
        return new RescaleOp(gain, offset, null).filter(image, null);
    }

    /** Contrast about mid-grey: {@code factor} above 1 spreads the values, below 1 flattens them. */
    static BufferedImage contrast(BufferedImage image, float factor) {
        return levels(image, factor, 128 * (1 - factor));
    }

    static BufferedImage gaussianBlur(BufferedImage image, double sigma) {
        int radius = (int) Math.ceil(2 * sigma);
        float[] weights = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            weights[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += weights[i + radius];
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
        // separable: one horizontal and one vertical pass
        BufferedImage rows = convolve(image, new Kernel(weights.length, 1, weights));
        return convolve(rows, new Kernel(1, weights.length, weights));
    }

    static BufferedImage boxBlur(BufferedImage image, int size) {
        float[] weights = new float[size * size];
        java.util.Arrays.fill(weights, 1f / weights.length);
        return convolve(image, new Kernel(size, size, weights));
    }

    /** Down to {@code scale} of the size and back up, both bilinear: the detail of a thumbnail blown up again. */
    static BufferedImage downUp(BufferedImage image, double scale) {
        int w = image.getWidth();
        int h = image.getHeight();
        return scaled(scaled(image, Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale))),
                w, h);
    }

    /** A short caption, about a tenth of the image high, at a seeded place along the bottom edge. */
    static BufferedImage caption(BufferedImage image, String text, Random random) {
        BufferedImage copy = rgb(image);
        Graphics2D g = copy.createGraphics();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(6, image.getHeight() / 10)));
        int width = g.getFontMetrics().stringWidth(text);
        int x = random.nextInt(Math.max(1, image.getWidth() - width));
        int y = image.getHeight() - 1 - g.getFontMetrics().getDescent();
        g.setColor(Color.BLACK);
        g.drawString(text, x + 1, y + 1);
        g.setColor(Color.WHITE);
        g.drawString(text, x, y);
        g.dispose();
        return copy;
    }

    private static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return scaled;
    }

    /** Edges are copied unblurred ({@code EDGE_NO_OP}) rather than darkened by zeros outside the image. */
    private static BufferedImage convolve(BufferedImage image, Kernel kernel) {
        return new ConvolveOp(kernel, ConvolveOp.EDGE_NO_OP, null)
                .filter(image, new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB));
    }
}
