package org.imagesearch.embed;

/** Small vector helpers shared by descriptors and query expansion. */
public final class Vectors {
    private Vectors() {}

    public static boolean isZero(float[] v) {
        for (float x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Scales {@code v} in place to unit length; an all-zero vector stays as it is. */
    public static float[] l2Normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / norm);
            }
        }
        return v;
    }
}
