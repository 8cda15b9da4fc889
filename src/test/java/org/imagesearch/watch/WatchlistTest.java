package org.imagesearch.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.imagesearch.embed.DistanceMetric;
import org.junit.jupiter.api.Test;

/** The matcher: pgvector's distances, each watch's own threshold, its bound included. */
class WatchlistTest {
    private static final Instant T = Instant.parse("2026-12-03T20:00:00Z");

    @Test
    void cosineMatchesEveryWatchWithinItsDistance() {
        Watchlist list = new Watchlist(DistanceMetric.COSINE, List.of(
                new Watch(1, new float[] {1, 0}, 0.1, "near", T),
                new Watch(2, new float[] {0, 1}, 0.1, "orthogonal", T),
                new Watch(3, new float[] {1, 1}, 0.5, "wide", T)));
        // (3, 0.9) is 16.7 degrees from (1, 0): cosine distance 0.042; from (1, 1): 0.120; from (0, 1): 0.71
        List<Alert> alerts = list.match(42, new float[] {3, 0.9f}, 7);
        assertEquals(List.of(1L, 3L), alerts.stream().map(Alert::watchId).toList());
        assertEquals(1 - 3 / Math.sqrt(9 + 0.81), alerts.get(0).distance(), 1e-6);
        assertEquals(42, alerts.get(0).imageId());
        assertEquals(7, alerts.get(0).atMillis());
        assertEquals(0, new Watchlist(DistanceMetric.COSINE, List.of()).match(1, new float[] {1, 0}, 0).size());
    }

    @Test
    void l2IsEuclideanAndTheDistanceItselfStillMatches() {
        Watchlist list = new Watchlist(DistanceMetric.L2, List.of(new Watch(5, new float[] {0, 0}, 5, null, T)));
        assertEquals(5.0, list.match(1, new float[] {3, 4}, 0).get(0).distance(), 0);
        assertEquals(0, list.match(1, new float[] {3, 4.01f}, 0).size());
    }

    @Test
    void aVectorOfAnotherDimensionIsAnError() {
        Watchlist list = new Watchlist(DistanceMetric.L2, List.of(new Watch(5, new float[] {0, 0}, 5, null, T)));
        assertThrows(IllegalArgumentException.class, () -> list.match(1, new float[] {1, 2, 3}, 0));
    }
}
