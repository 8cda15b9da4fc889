package org.imagesearch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imagesearch.config.Options;
import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.embed.PcaWhitening;
import org.imagesearch.eval.Evaluation;
import org.imagesearch.report.ContactSheet;
import org.imagesearch.store.ImageTable;
import org.imagesearch.store.PostgresConnections;
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
            writeReport(report, outcome);
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

    private static void writeReport(Path dir, Evaluation.Outcome outcome) throws Exception {
        Settings settings = outcome.settings();
        Files.createDirectories(dir);
        ObjectNode json = outcome.json();
        StringBuilder md = new StringBuilder("# Retrieval evaluation\n\n");
        md.append("- database: ").append(json.get("database").asText()).append(", ")
                .append(json.get("database_images").asText()).append(" images indexed through the pipeline")
                .append(json.has("ingest_images_per_s") ? " at " + json.get("ingest_images_per_s").asText()
                        + " images/s" : " by an earlier run").append("\n");
        md.append("- queries: ").append(json.get("queries").asText()).append(" from ")
                .append(json.get("queries_from").asText()).append("; relevant = same class\n");
        md.append("- model ").append(json.get("model").asText()).append(", descriptor ")
                .append(json.get("descriptor").asText()).append(" at ").append(json.get("input_size").asText())
                .append(", ").append(json.get("distance").asText()).append(" distance, ef_search ")
                .append(json.get("ef_search").asText()).append("\n");
        if (json.hasNonNull("projection")) {
            JsonNode projection = json.get("projection");
            md.append("- PCA whitening to ").append(projection.get("dims").asText()).append(" dimensions (version ")
                    .append(projection.get("version").asText()).append(", shrinkage ")
                    .append(projection.get("shrinkage").asText()).append(") learned from ")
                    .append(projection.get("sample").asText()).append(" indexed vectors\n");
        }
        md.append("\n| queries | precision@1 | precision@10 | precision@20 | mAP@20 | ANN recall@20 |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        appendRow(md, "plain", json);
        if (json.has("query_expansion")) {
            appendRow(md, "expanded (top " + json.get("query_expansion").get("top_n").asText() + ")",
                    json.get("query_expansion"));
        }
        md.append("\n");
        ImageTable table = new ImageTable(settings.database().table());
        try (Connection connection = PostgresConnections.open(settings.database())) {
            for (int i = 0; i < outcome.examples().size(); i++) {
                Evaluation.Example example = outcome.examples().get(i);
                String file = "query-" + (i + 1) + ".png";
                ContactSheet.write(dir.resolve(file), example.queryImage(), String.valueOf(example.label()),
                        example.hits(), id -> table.thumbnail(connection, id));
                md.append("![query ").append(i + 1).append(": ").append(example.label()).append("](").append(file)
                        .append(")\n\n");
            }
        }
        Files.writeString(dir.resolve("report.md"), md.toString());
    }

    private static void appendRow(StringBuilder md, String name, JsonNode metrics) {
        md.append("| ").append(name).append(" | ").append(String.join(" | ", List.of("precision_at_1",
                "precision_at_10", "precision_at_20", "map_at_20", "ann_recall_at_20").stream()
                .map(key -> metrics.path(key).asText("-")).toList())).append(" |\n");
    }
}
