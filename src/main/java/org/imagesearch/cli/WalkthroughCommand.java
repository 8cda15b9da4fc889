package org.imagesearch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imagesearch.config.Options;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.json.Json;
import org.imagesearch.local.LocalPipeline;
import org.imagesearch.reference.ReferenceModel;
import org.imagesearch.reference.ReferenceQuery;
import org.imagesearch.reference.ReferenceSql;
import org.imagesearch.reference.ReferenceTable;
import org.imagesearch.report.ContactSheet;
import org.imagesearch.report.NeighbourReport;
import org.imagesearch.store.PostgresConnections;

/**
 * {@code walkthrough [--dataset PATH] [--limit N] [--query-id 4999] [--grid FILE.png] [--json]}: the
 * reference walk-through, reproduced. Indexes the training split through the real pipeline (embedded
 * Kafka, the Flink ingest job, the reference model) into the reference's own emptied table
 * {@code reference.image_search(id integer, class text, image_vector real[])} with its HNSW
 * cast-expression index, runs the reference's query for one image, prints the 20 rows and draws them
 * as a 4x5 grid under the query image.
 */
final class WalkthroughCommand {
    /** The walk-through always uses the reference's model and table: these options have no say. */
    private static final Set<String> FIXED = Set.of("model", "model-name", "dimension", "distance", "table",
            "hnsw-m", "hnsw-ef-construction");
    private static final long REFERENCE_QUERY_ID = 4999;

    private WalkthroughCommand() {}

    static void run(String[] args) throws Exception {
        run(args, System.out);
    }

    static void run(String[] args, PrintStream out) throws Exception {
        Options options = Options.parse(args, Set.of("json"));
        Set<String> known = new TreeSet<>(Settings.OPTIONS);
        known.removeAll(FIXED);
        known.addAll(List.of("dataset", "limit", "query-id", "grid", "json"));
        options.rejectUnknown(known);
        Settings settings = ReferenceModel.applyTo(Settings.from(options));
        Path datasetPath = Path.of(options.get("dataset", Settings.defaultDataset().toString()));
        Path grid = Path.of(options.get("grid", "walkthrough.png"));

        try (Dataset dataset = Dataset.open(datasetPath, Dataset.DEFAULT_SEED, true)) {
            int count = Math.min(options.getInt("limit", dataset.size()), dataset.size());
            long queryId = options.getLong("query-id", count > REFERENCE_QUERY_ID ? REFERENCE_QUERY_ID : 0);
            System.err.println("Indexing " + count + " images of " + dataset.describe() + " into "
                    + ReferenceSql.TABLE + " through Kafka and the Flink ingest job");
            long start = System.nanoTime();
            long deadLettered;
            try (LocalPipeline pipeline = LocalPipeline.start(settings, new ReferenceTable(settings))) {
                deadLettered = PipelineProgress.publishAndAwait(pipeline, dataset, count);
            }
            ReferenceQuery.Answer answer;
            try (Connection connection = PostgresConnections.open(settings.database())) {
                answer = new ReferenceQuery(new ReferenceSql(settings.database().table().dimension()))
                        .neighboursOf(connection, queryId);
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            out.printf("Indexed %d images into %s in %.0f s (dead-lettered %d).%n", count - deadLettered,
                    ReferenceSql.TABLE, seconds, deadLettered);
            String queryClass = answer.queryClass() == null ? "" : answer.queryClass();
            NeighbourReport.printTable(out, queryId, queryClass, settings.database().table().distance().name(),
                    answer.neighbours());
            ContactSheet.write(grid, dataset.get(Math.toIntExact(queryId)).bytes(), queryClass + " #" + queryId,
                    answer.neighbours(), id -> dataset.get(Math.toIntExact(id)).bytes());
            out.println("Grid: " + grid.toAbsolutePath());
            if (options.flag("json")) {
                ObjectNode json = NeighbourReport.toJson(queryId, queryClass, answer.neighbours());
                json.put("grid", grid.toAbsolutePath().toString());
                json.put("images_indexed", count - deadLettered);
                json.put("dead_lettered", deadLettered);
                json.put("seconds", Json.rounded(seconds, 1));
                out.println(json);
            }
        }
    }
}
