package org.imagesearch.image;

import java.io.Serializable;

/**
 * The smallest picture an image must be decoded to: its shorter side at least {@code minShortSide} (what the
 * model's resize needs) and its longer side at least {@code minLongSide} (what the stored thumbnail needs).
 * A JPEG can then be decoded at 1/2, 1/4 or 1/8 of its size in the DCT domain, which costs a fraction of a
 * full decode; {@link #FULL} asks for every pixel.
 */
public record DecodeTarget(int minShortSide, int minLongSide) implements Serializable {
    public static final DecodeTarget FULL = new DecodeTarget(Integer.MAX_VALUE, Integer.MAX_VALUE);
    private static final int[] DENOMINATORS = {8, 4, 2};

    /**
     * The target for a model that resizes the shorter side to {@code resize}: twice that, because libjpeg's
     * scaling averages whole 8x8 blocks, and leaving the antialiased resize a reduction of 2x or more keeps the
     * vectors at cosine >= 0.997 of the exact path on real photos (0.985 when decoded right down to
     * {@code resize}; FastDecodeAgreementIT). Ingestion and queries decode with the same target, so that the
     * same file gives the same vector whichever way it came in.
     */
    public static DecodeTarget forModelInput(int resize) {
        return new DecodeTarget(2 * resize, Thumbnails.MAX_SIDE);
    }

    /** The largest of 8, 4, 2 whose scaled size (rounded up, as libjpeg does) still meets the target; else 1. */
    public int denominator(int width, int height) {
        int shortSide = Math.min(width, height);
        int longSide = Math.max(width, height);
        for (int d : DENOMINATORS) {
            if (ceilDiv(shortSide, d) >= minShortSide && ceilDiv(longSide, d) >= minLongSide) {
                return d;
            }
        }
        return 1;
    }

    private static int ceilDiv(int value, int divisor) {
        return (value + divisor - 1) / divisor;
    }
}
