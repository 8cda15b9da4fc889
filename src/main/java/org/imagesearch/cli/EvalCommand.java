package org.imagesearch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imagesearch.config.Options;
import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.embed.PcaWhitening;
import org.imagesearch.eval.EvalReport;
import org.imagesearch.eval.Evaluation;
import org.imagesearch.store.SettingsResolver;

/**
 * {@code eval --dataset PATH [--query-dataset PATH] [--database-limit N] [--queries N] [--descriptor NAME]
 * [--input-size N] [--whitening DIMS] [--query-expansion N] [--reuse-index] [--report DIR] [--json]}: retrieval quality
 * through the real pipeline, one JSON line plus a Markdown report with result grids. For a CIFAR
 * {@code train.bin} the {@code test.bin} beside it gives the queries unless told otherwise.
 */
final class EvalCommand {
    private EvalCommand() {}

    static void run(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of("json", "reuse-index"));
        Set<String> known = new TreeSet<>(Settings.OPTIONS);
        known.addAll(List.of("dataset", "query-dataset", "database-limit", "queries", "report", "json",
                "whitening", "whitening-shrinkage", "whitening-sample", "reuse-index"));
        options.rejectUnknown(known);
        // A table of its own, made anew for each run: evaluation never touches the demo's table.
        Settings settings = SettingsResolver.resolve(Settings.from(options.withDefault("table", "image_search_eval")),
                ProjectionChoice.parse(options.get("projection", "none")));
        Path databasePath = Path.of(options.get("dataset", Settings.defaultDataset().toString()));
        Path queryPath = queryDataset(options, databasePath);
        Path report = Path.of(options.get("report", "eval-report"));
        try (Dataset database = Dataset.open(databasePath, Dataset.DEFAULT_SEED, true);
             Dataset queries = queryPath == null ? null : Dataset.open(queryPath, Dataset.DEFAULT_SEED, true)) {
            int whiteningDims = options.getInt("whitening", 0);
            Evaluation.Whitening whitening = whiteningDims == 0 ? null : new Evaluation.Whitening(whiteningDims,
                    options.getDouble("whitening-shrinkage", PcaWhitening.DEFAULT_SHRINKAGE),
                    options.getInt("whitening-sample", PcaWhitening.DEFAULT_SAMPLE));
            Evaluation evaluation = new Evaluation(settings, database, options.getInt("database-limit", database.size()),
                    queries, options.getInt("queries", 1000), new Evaluation.Plan(whitening,
                    settings.search().queryExpansion(), options.flag("reuse-index")));
            long total = Math.min(options.getInt("database-limit", database.size()), database.size());
            System.err.println(options.flag("reuse-index") ? "Querying table " + settings.database().table().name()
                    + " as indexed before" : "Indexing " + total + " images of " + database.describe()
                    + " through the ingest pipeline");
            ProgressBar bar = new ProgressBar();
            Evaluation.Outcome outcome = evaluation.run(done -> bar.update(done, total, "indexed"));
            bar.finish();
            EvalReport.write(report, outcome);
            System.err.println("Report: " + report.resolve("report.md"));
            System.out.println(outcome.json());
        }
    }

    private static Path queryDataset(Options options, Path database) {
        String given = options.get("query-dataset", null);
        if (given != null) {
            return Path.of(given);
        }
        Path test = database.resolveSibling("test.bin");
        return database.getFileName().toString().equals("train.bin") && Files.isRegularFile(test) ? test : null;
    }
}
