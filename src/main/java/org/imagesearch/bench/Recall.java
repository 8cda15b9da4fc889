package org.imagesearch.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.imagesearch.query.Hit;

/** Recall of an approximate answer: the share of the exact answer's ids it holds. */
final class Recall {
    private Recall() {}

    static Set<Long> ids(List<Hit> hits) {
        Set<Long> ids = new HashSet<>();
        hits.forEach(h -> ids.add(h.id()));
        return ids;
    }

    /** The share of {@code exact} found in {@code answer}; 1 when the exact answer is empty. */
    static double of(List<Hit> answer, Set<Long> exact) {
        if (exact.isEmpty()) {
            return 1;
        }
        Set<Long> found = ids(answer);
        found.retainAll(exact);
        return (double) found.size() / exact.size();
    }
}
