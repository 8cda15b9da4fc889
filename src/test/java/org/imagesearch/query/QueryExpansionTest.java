package org.imagesearch.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.imagesearch.embed.DistanceMetric;
import org.junit.jupiter.api.Test;

class QueryExpansionTest {

    @Test
    void withL2TheQueryAndItsAnswersAreAveraged() {
        float[] expanded = QueryExpansion.expand(new float[] {0, 0}, List.of(new float[] {3, 0}, new float[] {0, 6}),
                List.of(3.0, 6.0), DistanceMetric.L2);
        assertArrayEquals(new float[] {1, 2}, expanded, 1e-6f);
    }

    @Test
    void withCosineAnswersWeighByTheirSimilarityCubedAndTheResultHasUnitLength() {
        // answer (0, 1) at cosine distance 0.5: weight 0.5^3 = 0.125; an answer at distance >= 1 counts for nothing
        float[] expanded = QueryExpansion.expand(new float[] {1, 0}, List.of(new float[] {0, 1}, new float[] {-1, 0}),
                List.of(0.5, 2.0), DistanceMetric.COSINE);
        double norm = Math.sqrt(1 + 0.125 * 0.125);
        assertArrayEquals(new float[] {(float) (1 / norm), (float) (0.125 / norm)}, expanded, 1e-6f);
    }

    @Test
    void withoutAnswersTheQueryStays() {
        assertArrayEquals(new float[] {0.6f, 0.8f}, QueryExpansion.expand(new float[] {0.6f, 0.8f}, List.of(),
                List.of(), DistanceMetric.COSINE), 1e-6f);
    }
}
