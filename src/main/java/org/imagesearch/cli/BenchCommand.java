package org.imagesearch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imagesearch.bench.IngestBenchmark;
import org.imagesearch.bench.QueryBenchmark;
import org.imagesearch.config.Options;
import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.store.SettingsResolver;

/**
 * {@code bench ingest} (throughput, latency and the model-only ceiling of ingestion) and
 * {@code bench query} (search latency over HTTP and ANN recall): each prints one JSON line.
 */
final class BenchCommand {
    private BenchCommand() {}

    static void run(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of("json", "inline"));
        String which = options.positional().size() == 1 ? options.positional().get(0) : "";
        switch (which) {
            case "ingest" -> ingest(options);
            case "query" -> query(options);
            default -> throw new IllegalArgumentException(
                    "usage: bench ingest [--limit N] [--model-images N] [--latency-images N] | bench query [--limit N]");
        }
    }

    private static void query(Options options) throws Exception {
        Set<String> known = new TreeSet<>(Settings.OPTIONS);
        known.addAll(List.of("dataset", "limit", "recall-queries", "requests", "json"));
        options.rejectUnknown(known);
        Settings settings = SettingsResolver.resolveForQueries(Settings.from(options),
                ProjectionChoice.parse(options.get("projection", "none")));
        Path path = Path.of(options.get("dataset", Settings.defaultDataset().toString()));
        try (Dataset dataset = Dataset.open(path, Dataset.DEFAULT_SEED, true)) {
            QueryBenchmark bench = new QueryBenchmark(settings, dataset, options.getInt("limit", 50_000),
                    options.getInt("recall-queries", 200), options.getInt("requests", 400));
            System.out.println(bench.run());
        }
    }

    private static void ingest(Options options) throws Exception {
        Set<String> known = new TreeSet<>(Settings.OPTIONS);
        known.addAll(List.of("dataset", "limit", "model-images", "latency-images", "seed", "json", "inline"));
        options.rejectUnknown(known);
        // A table of its own, emptied before each run, so runs compare and the demo's table is left alone.
        Settings settings = SettingsResolver.resolve(Settings.from(options.withDefault("table", "image_search_bench")),
                ProjectionChoice.parse(options.get("projection", "none")));
        Path path = Path.of(options.get("dataset", Settings.defaultDataset().toString()));
        try (Dataset dataset = Dataset.open(path, options.getLong("seed", Dataset.DEFAULT_SEED), true)) {
            IngestBenchmark bench = new IngestBenchmark(settings, dataset, options.getInt("limit", 2000),
                    options.getInt("model-images", 400), options.getInt("latency-images", 200));
            int total = Math.min(options.getInt("limit", 2000), dataset.size());
            ProgressBar bar = new ProgressBar();
            String json = bench.run(done -> bar.update(done, total, "indexed")).toString();
            bar.finish();
            System.out.println(json);
        }
    }
}
