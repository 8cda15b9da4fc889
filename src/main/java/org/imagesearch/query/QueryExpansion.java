package org.imagesearch.query;

import java.util.List;
import org.imagesearch.embed.DistanceMetric;
import org.imagesearch.embed.Vectors;

/**
 * Query expansion: a new query vector from the query and its top answers, which pulls in neighbours the
 * first query just missed. With cosine distance each answer is weighted by its similarity to the power
 * {@value #ALPHA} (alpha-QE, Radenović et al.), so weak answers hardly count; with L2 distance the
 * vectors are simply averaged (average QE, Chum et al.).
 */
final class QueryExpansion {
    static final int ALPHA = 3;

    private QueryExpansion() {}

    /** {@code neighbours.get(i)} is an answer at {@code distances.get(i)} from {@code query}. */
    static float[] expand(float[] query, List<float[]> neighbours, List<Double> distances, DistanceMetric metric) {
        double[] sum = new double[query.length];
        double totalWeight = 1;
        for (int i = 0; i < query.length; i++) {
            sum[i] = query[i];
        }
        for (int n = 0; n < neighbours.size(); n++) {
            double weight = metric == DistanceMetric.COSINE
                    ? Math.pow(Math.max(0, 1 - distances.get(n)), ALPHA) : 1;
            float[] v = neighbours.get(n);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += weight * v[i];
            }
            totalWeight += weight;
        }
        float[] expanded = new float[query.length];
        for (int i = 0; i < sum.length; i++) {
            expanded[i] = (float) (sum[i] / totalWeight);
        }
        return metric == DistanceMetric.COSINE ? Vectors.l2Normalize(expanded) : expanded;
    }
}
