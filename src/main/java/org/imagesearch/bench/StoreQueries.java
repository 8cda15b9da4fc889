package org.imagesearch.bench;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.imagesearch.query.ImageSearch;
import org.imagesearch.query.Query;
import org.imagesearch.query.QueryTarget;
import org.imagesearch.query.SearchResult;

/**
 * Phase 3 of {@code bench store}: searches by vector for synthetic vectors the table does not hold (ids after its
 * last), through {@link ImageSearch} as {@code serve} runs them: latency and recall@k of the HNSW walk at several
 * ef_search values, against the exact answer of a sequential scan with index scans off.
 */
final class StoreQueries {
    static final int K = 20;
    static final int[] EF_SEARCH = {40, 100, 200};
    private static final int WARM_UP = 20;

    private final ImageSearch search;
    private final NoisyEmbeddings embeddings;

    StoreQueries(ImageSearch search, NoisyEmbeddings embeddings) {
        this.search = search;
        this.embeddings = embeddings;
    }

    record Level(int efSearch, double recall, double p50Ms, double p99Ms) {}

    record Result(int queries, double exactP50Ms, List<Level> levels) {}

    Result run(Connection connection, long firstId, int queries) throws Exception {
        List<QueryTarget> targets = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            targets.add(new QueryTarget.ByVector(embeddings.vector(firstId + i)));
        }
        List<Set<Long>> exact = new ArrayList<>();
        double[] exactMs = new double[queries];
        for (int i = 0; i < queries; i++) {
            SearchResult answer = search.search(connection, Query.of(targets.get(i), K).exactly());
            exact.add(Recall.ids(answer.hits()));
            exactMs[i] = answer.tookMs();
        }
        for (int i = 0; i < Math.min(WARM_UP, queries); i++) {
            search.search(connection, Query.of(targets.get(i), K).withEfSearch(EF_SEARCH[0]));
        }
        List<Level> levels = new ArrayList<>();
        for (int ef : EF_SEARCH) {
            double[] ms = new double[queries];
            double found = 0;
            for (int i = 0; i < queries; i++) {
                SearchResult answer = search.search(connection, Query.of(targets.get(i), K).withEfSearch(ef));
                ms[i] = answer.tookMs();
                found += Recall.of(answer.hits(), exact.get(i));
            }
            Percentiles latency = new Percentiles(ms);
            levels.add(new Level(ef, found / queries, latency.at(50), latency.at(99)));
        }
        return new Result(queries, new Percentiles(exactMs).at(50), levels);
    }
}
