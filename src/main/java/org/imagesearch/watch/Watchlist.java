package org.imagesearch.watch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.imagesearch.embed.DistanceMetric;

/**
 * The watches as one subtask holds them, compared with a vector by brute force: watchlists are small next to the
 * ingest rate's budget, and the same distance as pgvector's operator keeps alerts and searches in agreement.
 */
public final class Watchlist implements Serializable {
    private final DistanceMetric metric;
    private final List<Watch> watches;

    public Watchlist(DistanceMetric metric, List<Watch> watches) {
        this.metric = metric;
        this.watches = List.copyOf(watches);
    }

    /** The alerts {@code vector} of image {@code imageId} raises, stamped {@code atMillis}. */
    public List<Alert> match(long imageId, float[] vector, long atMillis) {
        List<Alert> alerts = new ArrayList<>();
        for (Watch watch : watches) {
            double distance = distance(watch.vector(), vector);
            if (distance <= watch.distance()) {
                alerts.add(new Alert(watch.id(), imageId, distance, atMillis));
            }
        }
        return alerts;
    }

    public int size() {
        return watches.size();
    }

    /** pgvector's {@code <->} or {@code <=>}: Euclidean distance, or 1 - cosine similarity. */
    double distance(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("a watch of " + a.length + " dimensions met a vector of " + b.length);
        }
        double dot = 0, aa = 0, bb = 0, squares = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
            double d = (double) a[i] - b[i];
            squares += d * d;
        }
        return metric == DistanceMetric.L2 ? Math.sqrt(squares) : 1 - dot / Math.sqrt(aa * bb);
    }
}
