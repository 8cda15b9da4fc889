package org.imagesearch.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Locale;
import java.util.stream.DoubleStream;
import org.imagesearch.config.Settings;
import org.imagesearch.report.ContactSheet;
import org.imagesearch.store.ImageTable;
import org.imagesearch.store.PostgresConnections;

/** The Markdown report of an evaluation ({@code report.md}) with a 4x5 result grid per example query. */
public final class EvalReport {
    private EvalReport() {}

    public static void write(Path dir, Evaluation.Outcome outcome) throws Exception {
        Settings settings = outcome.settings();
        Files.createDirectories(dir);
        Double rate = outcome.ingestImagesPerSecond();
        StringBuilder md = new StringBuilder("# Retrieval evaluation\n\n");
        md.append("- database: ").append(outcome.database()).append(", ").append(outcome.databaseImages())
                .append(" images indexed through the pipeline")
                .append(rate != null ? " at " + rate + " images/s" : " by an earlier run").append("\n");
        md.append("- queries: ").append(outcome.plain().queries()).append(" from ").append(outcome.queriesFrom())
                .append("; relevant = same class\n");
        md.append("- model ").append(settings.model().name()).append(", descriptor ")
                .append(settings.model().descriptor().name()).append(" at ")
                .append(settings.model().descriptor().inputSize()).append(", ")
                .append(settings.database().table().distance().name().toLowerCase()).append(" distance, ef_search ")
                .append(settings.search().efSearch()).append("\n");
        Evaluation.LearnedWhitening whitening = outcome.whitening();
        if (whitening != null) {
            md.append("- PCA whitening to ").append(whitening.projection().outputDim()).append(" dimensions (version ")
                    .append(whitening.projection().version()).append(", shrinkage ").append(whitening.shrinkage())
                    .append(") learned from ").append(whitening.sample()).append(" indexed vectors\n");
        }
        md.append("\n| queries | precision@1 | precision@10 | precision@20 | mAP@20 | ANN recall@20 |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        appendRow(md, "plain", outcome.plain());
        if (outcome.expanded() != null) {
            appendRow(md, "expanded (top " + outcome.expansionTopN() + ")", outcome.expanded());
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

    private static void appendRow(StringBuilder md, String name, MetricSummary metrics) {
        md.append("| ").append(name);
        DoubleStream.of(metrics.precisionAt1(), metrics.precisionAt10(), metrics.precisionAt20(), metrics.mapAt20(),
                metrics.annRecallAt20()).forEach(v -> md.append(" | ")
                .append(Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v)));
        md.append(" |\n");
    }
}
