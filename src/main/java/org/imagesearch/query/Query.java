package org.imagesearch.query;

import org.imagesearch.config.DistanceMetric;

/**
 * One search request, whatever the front end: what to search for, how many answers, which distance,
 * optional filters and an optional HNSW {@code ef_search}.
 *
 * @param distance null for the table's own distance (the one its index serves)
 * @param efSearch null for the service default
 * @param exact    scan every matching row instead of walking the index (ground truth for recall)
 */
public record Query(QueryTarget target, int k, DistanceMetric distance, Filter filter, Integer efSearch,
                    boolean exact) {
    public static final int DEFAULT_K = 20;
    public static final int MAX_K = 100;
    public static final int MAX_EF_SEARCH = 1000;

    public Query {
        if (target == null) {
            throw new IllegalArgumentException("a query needs an image, an id or a vector");
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be in 1.." + MAX_K + ", got " + k);
        }
        if (efSearch != null && (efSearch < 1 || efSearch > MAX_EF_SEARCH)) {
            throw new IllegalArgumentException("ef_search must be in 1.." + MAX_EF_SEARCH + ", got " + efSearch);
        }
        filter = filter == null ? Filter.NONE : filter;
    }

    public static Query of(QueryTarget target, int k) {
        return new Query(target, k, null, Filter.NONE, null, false);
    }

    public Query withFilter(Filter newFilter) {
        return new Query(target, k, distance, newFilter, efSearch, exact);
    }

    public Query withEfSearch(Integer newEfSearch) {
        return new Query(target, k, distance, filter, newEfSearch, exact);
    }

    public Query exactly() {
        return new Query(target, k, distance, filter, efSearch, true);
    }
}
