package org.imagesearch.config;

import picocli.CommandLine.Option;

/** Options for {@link Settings.Search}: how searches run unless a query sets its own. */
public final class SearchOptions {
    @Option(names = "--ef-search", paramLabel = "N",
            description = "HNSW ef_search, 1..1000 (default: ${DEFAULT-VALUE})")
    private int efSearch = 40;

    @Option(names = "--query-expansion", paramLabel = "N", description = "blend the query with its top N answers "
            + "and search again, 0..50 (default: ${DEFAULT-VALUE}, off)")
    private int queryExpansion = 0;

    public Settings.Search search() {
        return new Settings.Search(efSearch, queryExpansion);
    }
}
