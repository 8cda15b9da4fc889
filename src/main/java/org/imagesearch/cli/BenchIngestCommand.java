package org.imagesearch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.imagesearch.bench.BenchImages;
import org.imagesearch.bench.ImageDelivery;
import org.imagesearch.bench.IngestBenchRun;
import org.imagesearch.bench.IngestBenchmark;
import org.imagesearch.bench.PythonReference;
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
        "Writes into a table of its own, emptied before each run, so runs compare and the demo's table is left alone.",
        "A folder's images go as file: URIs (the folder becomes a --file-roots entry) unless --inline or --via-http."})
final class BenchIngestCommand implements Callable<Integer> {
    @Mixin
    private DatasetOption dataset;

    @Option(names = "--warm-up-images", paramLabel = "N", description = "images indexed first, unmeasured, while the "
            + "JIT compiles the hot paths (default: ${DEFAULT-VALUE})")
    private int warmUpImages = 300;

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

    @Option(names = "--inline", description = "send the image files' bytes in the messages")
    private boolean inline;

    @Option(names = "--via-http", description = "send http: URIs of an image server the benchmark runs on 127.0.0.1 "
            + "(the job is allowed to fetch from that address)")
    private boolean viaHttp;

    @Option(names = "--server-delay-ms", paramLabel = "MS", description = "with --via-http: the server answers each "
            + "request after MS milliseconds, as a distant one would (default: ${DEFAULT-VALUE})")
    private long serverDelayMs;

    @Option(names = "--compare-python", description = "then time bench/python_reference_loop.py, the reference "
            + "tutorial's loop, on the same files at the same input size (a folder of images only)")
    private boolean comparePython;

    @Option(names = "--python", paramLabel = "PATH",
            description = "a Python with torch, torchvision and Pillow, for --compare-python (default: ${DEFAULT-VALUE})")
    private Path python = Path.of("/usr/bin/python3");

    @Option(names = "--timeout-s", paramLabel = "S", description = "give up, naming the ids that neither became a "
            + "row nor a dead letter, S seconds after the pipeline started (default: 120 + 1 per message)")
    private Long timeoutSeconds;

    @Mixin
    private EmbeddingOptions embedding = new EmbeddingOptions("image_search_bench");
    @Mixin
    private JobOptions job;

    @Override
    public Integer call() throws Exception {
        ImageDelivery delivery = ImageDelivery.of(inline, viaHttp, Files.isDirectory(dataset.path()));
        IngestBenchRun run = new IngestBenchRun(warmUpImages, limit, modelImages, latencyImages,
                timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds),
                comparePython ? new PythonReference(python, PythonReference.defaultScript()) : null);
        Settings configured = new SettingsBuilder().with(embedding).with(job).build();
        Settings settings = SettingsResolver.resolve(configured, embedding.projection());
        try (BenchImages images = BenchImages.open(dataset.path(), seed, delivery,
                Duration.ofMillis(serverDelayMs))) {
            IngestBenchmark bench = new IngestBenchmark(settings, images, run);
            int total = Math.min(limit, images.size());
            ProgressBar bar = new ProgressBar();
            String json = bench.run(done -> bar.update(done, total, "indexed")).toString();
            bar.finish();
            System.out.println(json);
        }
        return 0;
    }
}
