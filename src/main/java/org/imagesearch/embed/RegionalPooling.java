package org.imagesearch.embed;

/**
 * Regional pooling for instance matching (after R-MAC, Tolias et al.): the whole feature map and five square regions
 * of two thirds of its shorter side (the four corners and the centre) are pooled and L2-normalised each, then summed.
 * A crop of an image then still shares a region with its original at about the same scale, where one global pool
 * sees the crop's view zoomed in. It costs nothing at inference: the regions are read from the same feature map.
 */
final class RegionalPooling {
    private RegionalPooling() {}

    /** Pools a channels-first {@code height} x {@code width} map; the sum is left for the descriptor to normalise. */
    static float[] pool(Pooling pooling, float[] map, int channels, int height, int width, double p) {
        float[] sum = Vectors.l2Normalize(pooling.pool(map, channels, height * width, p));
        int side = Math.max(1, (int) Math.ceil(Math.min(height, width) * 2 / 3.0));
        int[][] corners = {{0, 0}, {0, width - side}, {height - side, 0}, {height - side, width - side},
                {(height - side) / 2, (width - side) / 2}};
        for (int[] corner : corners) {
            float[] region = Vectors.l2Normalize(pooling.pool(window(map, channels, width, corner[0], corner[1], side,
                    side), channels, side * side, p));
            for (int c = 0; c < channels; c++) {
                sum[c] += region[c];
            }
        }
        return sum;
    }

    private static float[] window(float[] map, int channels, int width, int top, int left, int rows, int cols) {
        int height = map.length / channels / width;
        float[] window = new float[channels * rows * cols];
        int i = 0;
        for (int c = 0; c < channels; c++) {
            for (int y = top; y < top + rows; y++) {
                System.arraycopy(map, (c * height + y) * width + left, window, i, cols);
                i += cols;
            }
        }
        return window;
    }
}
