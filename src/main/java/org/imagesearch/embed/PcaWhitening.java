package org.imagesearch.embed;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Learns PCA whitening from a sample of descriptors: centre, rotate onto the top {@code outputDim}
 * principal axes and divide each by the square root of its eigenvalue. Full whitening over-amplifies
 * the weak, noisy axes of a small sample, so the eigenvalues are first shrunk towards their mean:
 * {@code l' = (1 - s) l + s mean(l)}; s = 0 is full whitening, s = 1 plain PCA.
 */
public final class PcaWhitening {
    /** Strong shrinkage: kept CIFAR-10's precision level and most of COIL-100's gain (README, Descriptors). */
    public static final double DEFAULT_SHRINKAGE = 0.9;
    public static final int DEFAULT_SAMPLE = 10_000;

    private PcaWhitening() {}

    public static Projection learn(List<float[]> sample, int outputDim, double shrinkage) {
        if (sample.size() < 2) {
            throw new IllegalArgumentException("need at least 2 vectors to learn a projection, got " + sample.size());
        }
        if (!(shrinkage >= 0 && shrinkage <= 1)) {
            throw new IllegalArgumentException("shrinkage must be in 0..1, got " + shrinkage);
        }
        int d = sample.get(0).length;
        if (outputDim < 1 || outputDim > d) {
            throw new IllegalArgumentException("projection size must be in 1.." + d + ", got " + outputDim);
        }
        double[] mean = new double[d];
        for (float[] x : sample) {
            if (x.length != d) {
                throw new IllegalArgumentException("sample vectors differ in length: " + x.length + " and " + d);
            }
            for (int i = 0; i < d; i++) {
                mean[i] += x[i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= sample.size();
        }
        double[][] covariance = new double[d][d];
        double[] centred = new double[d];
        for (float[] x : sample) {
            for (int i = 0; i < d; i++) {
                centred[i] = x[i] - mean[i];
            }
            for (int i = 0; i < d; i++) {
                double ci = centred[i];
                double[] row = covariance[i];
                for (int j = i; j < d; j++) {
                    row[j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                covariance[i][j] /= sample.size() - 1;
                covariance[j][i] = covariance[i][j];
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(covariance, false));
        double[] eigenvalues = eigen.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eigenvalues[b], eigenvalues[a]));
        double meanEigenvalue = Arrays.stream(eigenvalues).map(v -> Math.max(v, 0)).average().orElse(0);
        float[] matrix = new float[outputDim * d];
        for (int row = 0; row < outputDim; row++) {
            double shrunk = (1 - shrinkage) * Math.max(eigenvalues[order[row]], 0) + shrinkage * meanEigenvalue;
            if (shrunk <= 0) {
                throw new IllegalArgumentException("the sample spans fewer than " + outputDim + " dimensions");
            }
            double scale = 1 / Math.sqrt(shrunk);
            RealVector axis = eigen.getEigenvector(order[row]);
            for (int i = 0; i < d; i++) {
                matrix[row * d + i] = (float) (axis.getEntry(i) * scale);
            }
        }
        float[] meanF = new float[d];
        for (int i = 0; i < d; i++) {
            meanF[i] = (float) mean[i];
        }
        return new Projection(0, d, outputDim, meanF, matrix);
    }
}
