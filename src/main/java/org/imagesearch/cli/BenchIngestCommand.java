package org.imagesearch.cli;

import java.util.concurrent.Callable;
import org.imagesearch.bench.IngestBenchmark;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.JobOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.store.SettingsResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench ingest}: throughput, latency and the model-only ceiling of ingestion, one JSON line. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = {
        "Measure ingestion on the embedded default: throughput, end-to-end latency and the model-only ceiling.",
        "Writes into a table of its own, emptied before each run, so runs compare and the demo's table is left alone."})
final class BenchIngestCommand implements Callable<Integer> {
    @Mixin
    private DatasetOption dataset;

    @Option(names = "--limit", paramLabel = "N", description = "images indexed for throughput (default: ${DEFAULT-VALUE})")
    private int limit = 2000;

    @Option(names = "--model-images", paramLabel = "N",
            description = "images for the model-only ceiling (default: ${DEFAULT-VALUE})")
    private int modelImages = 400;

    @Option(names = "--latency-images", paramLabel = "N",
            description = "images published at half the measured rate for latency (default: ${DEFAULT-VALUE})")
    private int latencyImages = 200;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the shuffled order (default: ${DEFAULT-VALUE})")
    private long seed = Dataset.DEFAULT_SEED;

    @Mixin
    private EmbeddingOptions embedding = new EmbeddingOptions("image_search_bench");
    @Mixin
    private JobOptions job;

    @Override
    public Integer call() throws Exception {
        Settings configured = new SettingsBuilder().with(embedding).with(job).build();
        Settings settings = SettingsResolver.resolve(configured, embedding.projection());
        try (Dataset images = Dataset.open(dataset.path(), seed, true)) {
            IngestBenchmark bench = new IngestBenchmark(settings, images, limit, modelImages, latencyImages);
            int total = Math.min(limit, images.size());
            ProgressBar bar = new ProgressBar();
            String json = bench.run(done -> bar.update(done, total, "indexed")).toString();
            bar.finish();
            System.out.println(json);
        }
        return 0;
    }
}
