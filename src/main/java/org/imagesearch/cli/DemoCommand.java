package org.imagesearch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imagesearch.config.Options;
import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.dataset.ImageFolderDataset;
import org.imagesearch.local.LocalPipeline;
import org.imagesearch.query.Hit;
import org.imagesearch.query.ImageSearch;
import org.imagesearch.query.Query;
import org.imagesearch.query.QueryImageEmbedder;
import org.imagesearch.query.QueryTarget;
import org.imagesearch.report.NeighbourReport;
import org.imagesearch.store.ImageTable;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.SettingsResolver;

/**
 * {@code demo}: publishes real images to an embedded Kafka broker, lets the ingest job index them on a
 * local MiniCluster into PostgreSQL/pgvector, waits until every message is indexed or dead-lettered,
 * then prints the nearest neighbours of one image.
 */
final class DemoCommand {
    private static final Set<String> FLAGS = Set.of("json");
    private static final int K = 20;

    private DemoCommand() {}

    static void run(String[] args) throws Exception {
        Options options = Options.parse(args, FLAGS);
        Set<String> known = new TreeSet<>(Settings.OPTIONS);
        known.addAll(List.of("dataset", "limit", "query-id", "seed", "json"));
        options.rejectUnknown(known);
        Settings settings = SettingsResolver.resolve(Settings.from(options),
                ProjectionChoice.parse(options.get("projection", "none")));
        Path datasetPath = Path.of(options.get("dataset", Settings.defaultDataset().toString()));
        int limit = options.getInt("limit", 10_000);
        boolean json = options.flag("json");

        try (Dataset dataset = Dataset.open(datasetPath, options.getLong("seed", Dataset.DEFAULT_SEED), false)) {
            int count = Math.min(limit, dataset.size());
            if (dataset instanceof ImageFolderDataset folder) {
                settings = settings.withLoader(settings.loader().withRoot(folder.root()));
            }
            System.err.println("Indexing " + count + " images of " + dataset.describe());
            long queryId = options.getLong("query-id", count > 4999 ? 4999 : 0);
            long deadLettered;
            try (LocalPipeline pipeline = LocalPipeline.start(settings, false)) {
                deadLettered = PipelineProgress.publishAndAwait(pipeline, dataset, count);
            }
            report(settings, queryId, count, deadLettered, json);
        }
    }

    private static void report(Settings settings, long queryId, int count, long deadLettered, boolean json)
            throws Exception {
        ImageSearch search = ImageSearch.of(settings, QueryImageEmbedder.NONE);
        ImageTable table = new ImageTable(settings.database().table());
        try (Connection connection = PostgresConnections.open(settings.database())) {
            String label = table.labelOf(connection, queryId);
            if (label == null) {
                throw new IllegalArgumentException("image " + queryId + " is not in the index");
            }
            List<Hit> neighbours = search.search(connection, Query.of(new QueryTarget.ById(queryId), K)).hits();
            long rows = table.countRows(connection);
            // Re-runs upsert the same ids with the same images, so rows of earlier, larger runs stay valid.
            System.out.printf("Table %s holds %d images; this run published %d, dead-lettered %d.%n",
                    settings.database().table().name(), rows, count, deadLettered);
            NeighbourReport.printTable(System.out, queryId, label,
                    settings.database().table().distance().name(), neighbours);
            if (json) {
                ObjectNode result = NeighbourReport.toJson(queryId, label, neighbours);
                result.put("published", count);
                result.put("dead_lettered", deadLettered);
                result.put("table_rows", rows);
                System.out.println(result);
            }
        }
    }
}
