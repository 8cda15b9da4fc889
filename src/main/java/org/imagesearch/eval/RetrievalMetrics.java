package org.imagesearch.eval;

import java.util.List;
import java.util.Set;

/**
 * Ranking metrics for one query, from the relevance of its ranked answers (true = same class or object
 * as the query). Averaged over queries by {@link MetricSummary}.
 */
public final class RetrievalMetrics {
    private RetrievalMetrics() {}

    /** Share of the first k answers that are relevant (answers beyond the list count as not relevant). */
    public static double precisionAt(List<Boolean> relevant, int k) {
        int hits = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            hits += relevant.get(i) ? 1 : 0;
        }
        return (double) hits / k;
    }

    /**
     * Average precision over the first k answers: the mean of precision@i at each relevant rank i <= k,
     * divided by min(k, number of relevant items in the database) so a perfect ranking scores 1.
     */
    public static double averagePrecisionAt(List<Boolean> relevant, int k, long relevantInDatabase) {
        if (relevantInDatabase == 0) {
            return 0;
        }
        double sum = 0;
        int hits = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            if (relevant.get(i)) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        return sum / Math.min(k, relevantInDatabase);
    }

    /** Share of the exact top-k that the approximate search also returned. */
    public static double recall(List<Long> approximate, List<Long> exact) {
        if (exact.isEmpty()) {
            return 1;
        }
        Set<Long> found = new java.util.HashSet<>(approximate);
        return exact.stream().filter(found::contains).count() / (double) exact.size();
    }
}
