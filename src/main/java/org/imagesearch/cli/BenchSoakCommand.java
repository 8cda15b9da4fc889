package org.imagesearch.cli;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.imagesearch.bench.BenchImages;
import org.imagesearch.bench.ImageDelivery;
import org.imagesearch.bench.SoakBenchmark;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.JobOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.store.SettingsResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench soak}: continuous ingestion under concurrent searches, one JSON line. */
@Command(name = "soak", mixinStandardHelpOptions = true, description = {
        "Ingest continuously at a steady rate while clients search the rows written so far, then drain and check",
        "that every message became a row or a dead letter. Writes into a table of its own, emptied first."})
final class BenchSoakCommand implements Callable<Integer> {
    @Mixin
    private DatasetOption dataset;

    @Option(names = "--minutes", paramLabel = "M", description = "how long to publish (default: ${DEFAULT-VALUE})")
    private double minutes = 10;

    @Option(names = "--rate", paramLabel = "N", description = "images published per second (default: ${DEFAULT-VALUE})")
    private double rate = 50;

    @Option(names = "--clients", paramLabel = "N", description = "concurrent search clients (default: ${DEFAULT-VALUE})")
    private int clients = 8;

    @Option(names = "--inline", description = "send the image files' bytes in the messages (a folder of images)")
    private boolean inline;

    @Mixin
    private EmbeddingOptions embedding = new EmbeddingOptions("image_search_soak");
    @Mixin
    private JobOptions job;

    @Override
    public Integer call() throws Exception {
        if (minutes <= 0 || rate <= 0 || clients < 1) {
            throw new IllegalArgumentException("--minutes and --rate must be positive and --clients at least 1");
        }
        Settings configured = new SettingsBuilder().with(embedding).with(job).build();
        Settings settings = SettingsResolver.resolve(configured, embedding.projection());
        ImageDelivery delivery = ImageDelivery.of(inline, false, Files.isDirectory(dataset.path()));
        try (BenchImages images = BenchImages.open(dataset.path(), Dataset.DEFAULT_SEED, delivery)) {
            Duration duration = Duration.ofMillis(Math.round(minutes * 60_000));
            ProgressBar bar = new ProgressBar();
            long expected = Math.round(rate * minutes * 60);
            String json = new SoakBenchmark(settings, images, duration, rate, clients)
                    .run(rows -> bar.update(rows, expected, "indexed")).toString();
            bar.finish();
            System.out.println(json);
        }
        return 0;
    }
}
