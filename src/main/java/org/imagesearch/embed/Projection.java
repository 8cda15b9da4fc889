package org.imagesearch.embed;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A learned linear projection of descriptors, applied after pooling: {@code y = normalize(W (x - mean))}.
 * {@code matrix} holds W row by row ({@code outputDim} rows of {@code inputDim} values), with any whitening
 * scale already folded in. {@code version} is its number in the database's projection store.
 */
public record Projection(int version, int inputDim, int outputDim, float[] mean, float[] matrix)
        implements Serializable {

    public Projection {
        if (inputDim < 1 || outputDim < 1 || outputDim > inputDim) {
            throw new IllegalArgumentException("projection must map n to 1..n dimensions, got " + inputDim + " -> "
                    + outputDim);
        }
        if (mean.length != inputDim || matrix.length != inputDim * outputDim) {
            throw new IllegalArgumentException("projection arrays do not match " + inputDim + " -> " + outputDim);
        }
    }

    public float[] apply(float[] x) {
        if (x.length != inputDim) {
            throw new IllegalArgumentException("projection " + version + " takes " + inputDim + " values, got "
                    + x.length);
        }
        float[] y = new float[outputDim];
        for (int row = 0; row < outputDim; row++) {
            double acc = 0;
            int base = row * inputDim;
            for (int i = 0; i < inputDim; i++) {
                acc += (double) matrix[base + i] * (x[i] - mean[i]);
            }
            y[row] = (float) acc;
        }
        return Vectors.l2Normalize(y);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Projection p && version == p.version && inputDim == p.inputDim
                && outputDim == p.outputDim && Arrays.equals(mean, p.mean) && Arrays.equals(matrix, p.matrix);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * version + outputDim) + Arrays.hashCode(matrix);
    }

    @Override
    public String toString() {
        return "Projection[version=" + version + ", " + inputDim + " -> " + outputDim + "]";
    }
}
