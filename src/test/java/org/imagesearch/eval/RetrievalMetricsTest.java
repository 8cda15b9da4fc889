package org.imagesearch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Small cases checked by hand. */
class RetrievalMetricsTest {
    private static final List<Boolean> RANKING = List.of(true, false, true, false, false); // relevant at ranks 1 and 3

    @Test
    void precisionCountsRelevantAnswersAmongTheFirstK() {
        assertEquals(1.0, RetrievalMetrics.precisionAt(RANKING, 1));
        assertEquals(2 / 3.0, RetrievalMetrics.precisionAt(RANKING, 3), 1e-12);
        assertEquals(2 / 5.0, RetrievalMetrics.precisionAt(RANKING, 5), 1e-12);
        assertEquals(2 / 10.0, RetrievalMetrics.precisionAt(RANKING, 10), 1e-12, "missing answers count as misses");
    }

    @Test
    void averagePrecisionAveragesPrecisionAtEachRelevantRank() {
        // ranks 1 and 3: (1/1 + 2/3) / min(5, 2 relevant in the database) = 0.8333...
        assertEquals((1 + 2 / 3.0) / 2, RetrievalMetrics.averagePrecisionAt(RANKING, 5, 2), 1e-12);
        // 4 relevant in the database, only 2 found in the top 5: (1 + 2/3) / 4
        assertEquals((1 + 2 / 3.0) / 4, RetrievalMetrics.averagePrecisionAt(RANKING, 5, 4), 1e-12);
        // a perfect ranking scores 1, also when the database holds more relevant items than k
        assertEquals(1.0, RetrievalMetrics.averagePrecisionAt(List.of(true, true, true), 3, 100), 1e-12);
        assertEquals(0.0, RetrievalMetrics.averagePrecisionAt(List.of(false, false), 2, 0));
    }

    @Test
    void recallIsTheShareOfTheExactAnswersFound() {
        assertEquals(0.75, RetrievalMetrics.recall(List.of(1L, 2L, 3L, 9L), List.of(1L, 2L, 3L, 4L)));
        assertEquals(1.0, RetrievalMetrics.recall(List.of(), List.of()));
    }

    @Test
    void summaryAveragesOverQueries() {
        MetricSummary summary = new MetricSummary();
        summary.add(1, 0.5, 0.25, 0.5);
        summary.add(0, 0.5, 0.75, 0.1);
        assertEquals(0.5, summary.precisionAt20(), 1e-12);
        assertEquals("{\"queries\":2,\"precision_at_1\":0.5,\"precision_at_10\":0.5,\"precision_at_20\":0.5,"
                + "\"map_at_20\":0.3}", summary.toJson().toString(), "no recall without exact scans");
        summary.addRecall(0.9);
        assertEquals(0.9, summary.toJson().get("ann_recall_at_20").asDouble());
        assertEquals(1, summary.toJson().get("recall_queries").asInt(), "recall averages over its own queries");
    }
}
