package org.imagesearch.embed;

import org.imagesearch.image.RgbImage;

/**
 * Bilinear resampling exactly as Pillow's {@code Image.resize(size, BILINEAR)} does it, which is what
 * torchvision's {@code Resize} runs on PIL images: a triangle filter widened by the scale factor when
 * shrinking (antialiasing), 22-bit fixed-point weights, a horizontal pass into an 8-bit intermediate
 * image, then a vertical pass. Matching it bit for bit keeps our vectors equal to the reference's.
 *
 * <p>Only a window of the resized image is computed (the centre crop): each output pixel depends on its
 * own coefficients alone, so the window is identical to cropping the full result, at a fraction of the
 * cost and memory, also for extreme aspect ratios.
 */
final class PilBilinearResize {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final long ROUNDING = 1L << (PRECISION_BITS - 1);

    private PilBilinearResize() {}

    /**
     * The window {@code [left, left + width) x [top, top + height)} of {@code in} resized to
     * {@code outWidth x outHeight}.
     */
    static RgbImage resizeWindow(RgbImage in, int outWidth, int outHeight, int left, int top, int width, int height) {
        Coefficients horizontal = Coefficients.of(in.width(), outWidth, left, width);
        Coefficients vertical = Coefficients.of(in.height(), outHeight, top, height);
        // Only the source rows the vertical pass reads go through the horizontal pass, as in Pillow.
        int firstRow = vertical.first(0);
        int lastRow = vertical.first(height - 1) + vertical.count(height - 1);
        // Both passes read the interleaved pixels straight from the arrays, the three channels of a tap together.
        byte[] src = in.rgb();
        byte[] temp = new byte[width * (lastRow - firstRow) * 3];
        for (int y = firstRow; y < lastRow; y++) {
            int row = y * in.width() * 3;
            int to = (y - firstRow) * width * 3;
            for (int x = 0; x < width; x++, to += 3) {
                int from = row + horizontal.first(x) * 3;
                int count = horizontal.count(x);
                long r = ROUNDING;
                long g = ROUNDING;
                long b = ROUNDING;
                for (int i = 0; i < count; i++, from += 3) {
                    long w = horizontal.weight(x, i);
                    r += (src[from] & 0xFF) * w;
                    g += (src[from + 1] & 0xFF) * w;
                    b += (src[from + 2] & 0xFF) * w;
                }
                temp[to] = clip8(r);
                temp[to + 1] = clip8(g);
                temp[to + 2] = clip8(b);
            }
        }
        int stride = width * 3;
        byte[] out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            int first = (vertical.first(y) - firstRow) * stride;
            int count = vertical.count(y);
            int to = y * stride;
            for (int x = 0; x < stride; x++) { // every channel of the row alike
                long sum = ROUNDING;
                for (int i = 0, from = first + x; i < count; i++, from += stride) {
                    sum += (temp[from] & 0xFF) * (long) vertical.weight(y, i);
                }
                out[to + x] = clip8(sum);
            }
        }
        return new RgbImage(width, height, out);
    }

    private static byte clip8(long sum) {
        long v = sum >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /**
     * Pillow's precompute_coeffs for output indices {@code start .. start + count - 1}: per index the first
     * source index, the tap count and the fixed-point weights.
     */
    private record Coefficients(int size, int[] bounds, int[] weights) {
        static Coefficients of(int inSize, int outSize, int start, int count) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // the bilinear (triangle) filter has support 1
            int size = (int) Math.ceil(support) * 2 + 1;
            int[] bounds = new int[count * 2];
            int[] weights = new int[count * size];
            double[] w = new double[size];
            for (int j = 0; j < count; j++) {
                double center = (start + j + 0.5) * scale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), inSize) - min;
                double total = 0;
                for (int x = 0; x < max; x++) {
                    w[x] = triangle((x + min - center + 0.5) / filterScale);
                    total += w[x];
                }
                for (int x = 0; x < max; x++) {
                    double normalised = total != 0.0 ? w[x] / total : w[x];
                    weights[j * size + x] = (int) (normalised < 0
                            ? -0.5 + normalised * (1 << PRECISION_BITS)
                            : 0.5 + normalised * (1 << PRECISION_BITS));
                }
                bounds[j * 2] = min;
                bounds[j * 2 + 1] = max;
            }
            return new Coefficients(size, bounds, weights);
        }

        int first(int j) {
            return bounds[j * 2];
        }

        int count(int j) {
            return bounds[j * 2 + 1];
        }

        int weight(int j, int i) {
            return weights[j * size + i];
        }

        private static double triangle(double x) {
            x = Math.abs(x);
            return x < 1.0 ? 1.0 - x : 0.0;
        }
    }
}
