package org.imagesearch.cli;

import java.util.concurrent.Callable;
import org.imagesearch.bench.StoreBenchRun;
import org.imagesearch.bench.StoreBenchmark;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.JobOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.store.SettingsResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench store}: the vector table at N rows of synthetic vectors, one JSON line. */
@Command(name = "store", mixinStandardHelpOptions = true, description = {
        "Fill a table of its own with N synthetic vectors (real embeddings plus seeded noise) and measure it:",
        "HNSW insert rate through the ingest sink as the table grows, COPY plus CREATE INDEX, search latency and",
        "recall@20 against exact scans, table and index size. The table is dropped and made again each run."})
final class BenchStoreCommand implements Callable<Integer> {
    @Mixin
    private DatasetOption dataset;

    @Option(names = "--rows", paramLabel = "N", description = "rows to fill (default: ${DEFAULT-VALUE})")
    private long rows = 100_000;

    @Option(names = "--sink-rows", paramLabel = "N", description = "of those, the rows written through the sink "
            + "(default: all; fewer, or 0, and the searches run on the bulk-loaded table)")
    private Long sinkRows;

    @Option(names = "--queries", paramLabel = "N",
            description = "searches compared with exact scans (default: ${DEFAULT-VALUE})")
    private int queries = 200;

    @Option(names = "--base-images", paramLabel = "N",
            description = "real images embedded as the centres of the synthetic vectors (default: ${DEFAULT-VALUE})")
    private int baseImages = 500;

    @Option(names = "--noise", paramLabel = "X", description = "length of the Gaussian noise added to each base "
            + "embedding, relative to the embedding's (default: ${DEFAULT-VALUE})")
    private double noise = 0.5;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the noise (default: ${DEFAULT-VALUE})")
    private long seed = Dataset.DEFAULT_SEED;

    @Option(names = "--maintenance-work-mem", paramLabel = "SIZE",
            description = "PostgreSQL maintenance_work_mem for CREATE INDEX after the bulk load (default: ${DEFAULT-VALUE})")
    private String maintenanceWorkMem = "1GB";

    @Mixin
    private EmbeddingOptions embedding = new EmbeddingOptions("image_search_store");
    @Mixin
    private JobOptions job;

    @Override
    public Integer call() throws Exception {
        StoreBenchRun run = new StoreBenchRun(rows, sinkRows == null ? rows : sinkRows, queries, baseImages, noise, seed, maintenanceWorkMem);
        Settings configured = new SettingsBuilder().with(embedding).with(job).build();
        Settings settings = SettingsResolver.resolve(configured, embedding.projection());
        try (Dataset images = Dataset.open(dataset.path(), Dataset.DEFAULT_SEED, true)) {
            System.out.println(new StoreBenchmark(settings, images, run, System.err).run());
        }
        return 0;
    }
}
