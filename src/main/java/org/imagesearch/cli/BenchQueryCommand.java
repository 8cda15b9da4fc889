package org.imagesearch.cli;

import java.util.concurrent.Callable;
import org.imagesearch.bench.QueryBenchmark;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.SearchOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.store.SettingsResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench query}: search latency over HTTP and ANN recall, one JSON line. */
@Command(name = "query", mixinStandardHelpOptions = true, description = {
        "Measure search latency over HTTP (by id and by image) and ANN recall against exact scans.",
        "Needs a table holding the data set's first N images (ids 0..N-1), as demo --limit N indexes them."})
final class BenchQueryCommand implements Callable<Integer> {
    @Mixin
    private DatasetOption dataset;

    @Option(names = "--limit", paramLabel = "N", description = "images the table holds (default: ${DEFAULT-VALUE})")
    private int limit = 50_000;

    @Option(names = "--recall-queries", paramLabel = "N",
            description = "queries whose answers are compared with exact scans (default: ${DEFAULT-VALUE})")
    private int recallQueries = 200;

    @Option(names = "--requests", paramLabel = "N",
            description = "HTTP requests per concurrency level (default: ${DEFAULT-VALUE})")
    private int requests = 400;

    @Mixin
    private EmbeddingOptions embedding;
    @Mixin
    private SearchOptions search;

    @Override
    public Integer call() throws Exception {
        Settings configured = new SettingsBuilder().with(embedding).with(search).build();
        Settings settings = SettingsResolver.resolveForQueries(configured, embedding.projection());
        try (Dataset images = Dataset.open(dataset.path(), Dataset.DEFAULT_SEED, true)) {
            System.out.println(new QueryBenchmark(settings, images, limit, recallQueries, requests).run());
        }
        return 0;
    }
}
