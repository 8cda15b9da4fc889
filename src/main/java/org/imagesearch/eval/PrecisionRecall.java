package org.imagesearch.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Precision and recall of "within distance t means a copy" over labelled distances: positives are the distances of
 * copies to their originals, negatives those of images to their nearest distinct image. A point exists at every
 * positive distance, where recall steps up; between them precision only falls, so no better threshold is missed.
 */
public final class PrecisionRecall {
    /** At {@code threshold}: the share of pairs within it that are copies, and the share of copies within it. */
    public record Point(double threshold, double precision, double recall) {}

    private final double[] positives;
    private final double[] negatives;

    public PrecisionRecall(double[] positives, double[] negatives) {
        if (positives.length == 0) {
            throw new IllegalArgumentException("a precision/recall curve needs at least one copy");
        }
        this.positives = positives.clone();
        this.negatives = negatives.clone();
        Arrays.sort(this.positives);
        Arrays.sort(this.negatives);
    }

    /** One point per distinct positive distance, by rising threshold. */
    public List<Point> curve() {
        List<Point> points = new ArrayList<>();
        int falseWithin = 0;
        for (int i = 0; i < positives.length; i++) {
            if (i + 1 < positives.length && positives[i + 1] == positives[i]) {
                continue; // the last of equal distances counts them all
            }
            while (falseWithin < negatives.length && negatives[falseWithin] <= positives[i]) {
                falseWithin++;
            }
            int copiesWithin = i + 1;
            points.add(new Point(positives[i], copiesWithin / (double) (copiesWithin + falseWithin),
                    copiesWithin / (double) positives.length));
        }
        return points;
    }

    /** The point of highest recall whose precision is at least {@code minPrecision}, or null when none is. */
    public Point bestAt(double minPrecision) {
        Point best = null;
        for (Point point : curve()) {
            if (point.precision() >= minPrecision) {
                best = point; // recall rises along the curve
            }
        }
        return best;
    }

    /** Precision and recall at any threshold, e.g. a configured {@code --duplicate-distance}. */
    public Point at(double threshold) {
        int copiesWithin = countWithin(positives, threshold);
        int falseWithin = countWithin(negatives, threshold);
        double precision = copiesWithin + falseWithin == 0 ? 1 : copiesWithin / (double) (copiesWithin + falseWithin);
        return new Point(threshold, precision, copiesWithin / (double) positives.length);
    }

    /** The points nearest to recall 0.05, 0.10, ... 1.0: the curve's shape in twenty rows. */
    public List<Point> sampled() {
        List<Point> curve = curve();
        List<Point> rows = new ArrayList<>();
        int next = 0;
        for (int step = 1; step <= 20; step++) {
            double recall = step / 20.0;
            while (next < curve.size() - 1 && curve.get(next).recall() < recall - 1e-12) {
                next++;
            }
            if (rows.isEmpty() || rows.get(rows.size() - 1) != curve.get(next)) {
                rows.add(curve.get(next));
            }
        }
        return rows;
    }

    private static int countWithin(double[] sorted, double threshold) {
        int within = 0;
        while (within < sorted.length && sorted[within] <= threshold) {
            within++;
        }
        return within;
    }
}
