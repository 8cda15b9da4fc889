package org.imagesearch.query;

import org.imagesearch.config.TableSpec;
import org.imagesearch.embed.DistanceMetric;

/**
 * The top-k statement for one query shape. Identifiers come from a validated {@link TableSpec}, the
 * operator from an enum; every value (vector, id, class, metadata, k) is a bound parameter, in this order:
 * the query vector (cast to the table's vector type, so the index applies) or the query id, then the class, the metadata, the excluded id, k.
 */
final class SearchSql {
    private SearchSql() {}

    static String topK(TableSpec table, DistanceMetric distance, boolean byId, Filter filter) {
        String vector = byId ? "(SELECT image_vector FROM " + table.name() + " WHERE id = ?)"
                : "?::" + table.vectorType().sqlName();
        StringBuilder sql = new StringBuilder("SELECT id, class, metadata::text, image_vector ")
                .append(distance.operator()).append(' ').append(vector).append(" AS distance FROM ").append(table.name());
        String glue = " WHERE ";
        if (filter.label() != null) {
            sql.append(glue).append("class = ?");
            glue = " AND ";
        }
        if (filter.metadataJson() != null) {
            sql.append(glue).append("metadata @> ?::jsonb");
            glue = " AND ";
        }
        if (byId) {
            sql.append(glue).append("id <> ?");
        }
        // Ordering by the select-list alias keeps one copy of the distance expression; the planner still
        // sees "image_vector <op> constant" and walks the HNSW index for it.
        return sql.append(" ORDER BY distance LIMIT ?").toString();
    }

    /**
     * Per-transaction settings: ef_search, the iterative scan mode, and which scan to use. The planner
     * cannot be left to choose: 1000-d vectors are TOASTed, so a sequential scan looks cheap to it while
     * it actually reads and compares every vector (measured: 270 ms against 6 ms through the index on
     * 50,000 rows, with the choice flipping between ef_search values). Nor may a cached plan decide: the driver
     * prepares a statement run five times on the server, whose generic plan is then reused whatever these settings
     * say, and exact and index searches share the statement's text (measured: searches at ef_search 100 took the
     * exact scan's 14 ms after exact searches on the same connection). So every search is planned afresh.
     */
    static String settings() {
        return "SELECT set_config('hnsw.ef_search', ?, true), set_config('hnsw.iterative_scan', ?, true), "
                + "set_config('enable_indexscan', ?, true), set_config('enable_seqscan', ?, true), "
                + "set_config('plan_cache_mode', 'force_custom_plan', true)";
    }
}
