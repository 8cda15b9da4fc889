package org.imagesearch.embed;

/**
 * Bilinear resampling exactly as Pillow's {@code Image.resize(size, BILINEAR)} does it, which is what
 * torchvision's {@code Resize} runs on PIL images: a triangle filter widened by the scale factor when
 * shrinking (antialiasing), 22-bit fixed-point weights, a horizontal pass into an 8-bit intermediate
 * image, then a vertical pass. Matching it bit for bit keeps our vectors equal to the reference's.
 */
final class PilBilinearResize {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PilBilinearResize() {}

    static RgbImage resize(RgbImage in, int outWidth, int outHeight) {
        if (in.width() == outWidth && in.height() == outHeight) {
            return in;
        }
        Coefficients horizontal = Coefficients.of(in.width(), outWidth);
        Coefficients vertical = Coefficients.of(in.height(), outHeight);
        // Only the source rows the vertical pass reads go through the horizontal pass, as in Pillow.
        int firstRow = vertical.bounds[0];
        int lastRow = vertical.bounds[(outHeight - 1) * 2] + vertical.bounds[(outHeight - 1) * 2 + 1];
        byte[] temp = new byte[outWidth * (lastRow - firstRow) * 3];
        for (int y = firstRow; y < lastRow; y++) {
            for (int x = 0; x < outWidth; x++) {
                int min = horizontal.bounds[x * 2];
                int count = horizontal.bounds[x * 2 + 1];
                int k = x * horizontal.size;
                for (int c = 0; c < 3; c++) {
                    long sum = 1L << (PRECISION_BITS - 1);
                    for (int i = 0; i < count; i++) {
                        sum += (long) in.sample(min + i, y, c) * horizontal.weights[k + i];
                    }
                    temp[((y - firstRow) * outWidth + x) * 3 + c] = clip8(sum);
                }
            }
        }
        byte[] out = new byte[outWidth * outHeight * 3];
        for (int y = 0; y < outHeight; y++) {
            int min = vertical.bounds[y * 2] - firstRow;
            int count = vertical.bounds[y * 2 + 1];
            int k = y * vertical.size;
            for (int x = 0; x < outWidth; x++) {
                for (int c = 0; c < 3; c++) {
                    long sum = 1L << (PRECISION_BITS - 1);
                    for (int i = 0; i < count; i++) {
                        sum += (long) (temp[((min + i) * outWidth + x) * 3 + c] & 0xFF) * vertical.weights[k + i];
                    }
                    out[(y * outWidth + x) * 3 + c] = clip8(sum);
                }
            }
        }
        return new RgbImage(outWidth, outHeight, out);
    }

    private static byte clip8(long sum) {
        long v = sum >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /** Per output pixel: first source index, tap count and fixed-point weights (Pillow's precompute_coeffs). */
    private record Coefficients(int size, int[] bounds, int[] weights) {
        static Coefficients of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // the bilinear (triangle) filter has support 1
            int size = (int) Math.ceil(support) * 2 + 1;
            int[] bounds = new int[outSize * 2];
            int[] weights = new int[outSize * size];
            double[] w = new double[size];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), inSize) - min;
                double total = 0;
                for (int x = 0; x < max; x++) {
                    w[x] = triangle((x + min - center + 0.5) / filterScale);
                    total += w[x];
                }
                for (int x = 0; x < max; x++) {
                    double normalised = total != 0.0 ? w[x] / total : w[x];
                    weights[xx * size + x] = (int) (normalised < 0
                            ? -0.5 + normalised * (1 << PRECISION_BITS)
                            : 0.5 + normalised * (1 << PRECISION_BITS));
                }
                bounds[xx * 2] = min;
                bounds[xx * 2 + 1] = max;
            }
            return new Coefficients(size, bounds, weights);
        }

        private static double triangle(double x) {
            x = Math.abs(x);
            return x < 1.0 ? 1.0 - x : 0.0;
        }
    }
}
