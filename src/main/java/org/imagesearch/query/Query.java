package org.imagesearch.query;

import org.imagesearch.embed.DistanceMetric;

/**
 * One search request, whatever the front end: what to search for, how many answers, which distance,
 * optional filters and an optional HNSW {@code ef_search}.
 *
 * @param distance null for the table's own distance (the one its index serves)
 * @param efSearch null for the service default
 * @param exact     scan every matching row instead of walking the index (ground truth for recall)
 * @param expansion null for the service default; n > 0 searches again with the query vector averaged
 *                  with its top n answers (query expansion), 0 turns that off
 */
public record Query(QueryTarget target, int k, DistanceMetric distance, Filter filter, Integer efSearch,
                    boolean exact, Integer expansion) {
    public static final int DEFAULT_K = 20;
    public static final int MAX_K = 100;
    public static final int MAX_EF_SEARCH = 1000;
    public static final int MAX_EXPANSION = 50;

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
        if (expansion != null && (expansion < 0 || expansion > MAX_EXPANSION)) {
            throw new IllegalArgumentException("expansion must be in 0.." + MAX_EXPANSION + ", got " + expansion);
        }
        filter = filter == null ? Filter.NONE : filter;
    }

    public static Query of(QueryTarget target, int k) {
        return new Query(target, k, null, Filter.NONE, null, false, null);
    }

    public Query withFilter(Filter newFilter) {
        return new Query(target, k, distance, newFilter, efSearch, exact, expansion);
    }

    public Query withEfSearch(Integer newEfSearch) {
        return new Query(target, k, distance, filter, newEfSearch, exact, expansion);
    }

    public Query withExpansion(Integer newExpansion) {
        return new Query(target, k, distance, filter, efSearch, exact, newExpansion);
    }

    public Query exactly() {
        return new Query(target, k, distance, filter, efSearch, true, expansion);
    }
}
