package org.imagesearch.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.imagesearch.bench.BenchImages;
import org.imagesearch.bench.ImageDelivery;
import org.imagesearch.bench.ModelBatchBenchmark;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.store.SettingsResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench model}: the model alone at several micro-batch sizes, one JSON line. */
@Command(name = "model", mixinStandardHelpOptions = true, description = {
        "Measure preprocessing plus inference alone, one model and thread per core as in the job, at several",
        "micro-batch sizes (--embed-batch-size) on the same decoded images; no Kafka, Flink or database."})
final class BenchModelCommand implements Callable<Integer> {
    @Mixin
    private DatasetOption dataset;

    @Option(names = "--images", paramLabel = "N", description = "images per measurement (default: ${DEFAULT-VALUE})")
    private int images = 400;

    @Option(names = "--batch-sizes", paramLabel = "N", split = ",",
            description = "micro-batch sizes measured (default: ${DEFAULT-VALUE})")
    private List<Integer> batchSizes = List.of(1, 2, 4, 8, 16, 32);

    @Option(names = "--rounds", paramLabel = "N",
            description = "times each size is measured, in turn; the medians are printed (default: ${DEFAULT-VALUE})")
    private int rounds = 3;

    @Option(names = "--threads", paramLabel = "N",
            description = "models and threads, as the job's parallelism (default: the number of cores)")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    private EmbeddingOptions embedding;

    @Override
    public Integer call() throws Exception {
        if (images < 1 || rounds < 1 || threads < 1 || batchSizes.stream().anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("--images, --rounds, --threads and every --batch-sizes need 1 or more");
        }
        Settings configured = new SettingsBuilder().with(embedding).build();
        // the database only for a stored projection: the model itself needs none
        Settings settings = embedding.projection() == ProjectionChoice.NONE ? configured
                : SettingsResolver.resolveForQueries(configured, embedding.projection());
        try (BenchImages data = BenchImages.open(dataset.path(), Dataset.DEFAULT_SEED, ImageDelivery.INLINE)) {
            System.out.println(new ModelBatchBenchmark(settings, data, images, threads).run(batchSizes, rounds));
        }
        return 0;
    }
}
