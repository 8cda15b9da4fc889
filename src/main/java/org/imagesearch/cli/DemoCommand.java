package org.imagesearch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.JobOptions;
import org.imagesearch.config.SearchOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code demo}: publishes real images to an embedded Kafka broker, lets the ingest job index them on a
 * local MiniCluster into PostgreSQL/pgvector, waits until every message is indexed or dead-lettered,
 * then prints the nearest neighbours of one image.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {
        "Index real images on the embedded default (a Kafka broker in this JVM, the ingest job on a Flink "
                + "MiniCluster, the local PostgreSQL/pgvector), then print the 20 nearest neighbours of one image.",
        "Re-runs upsert the same ids; rows are never deleted."})
final class DemoCommand implements Callable<Integer> {
    private static final int K = 20;

    @Mixin
    private DatasetOption dataset;

    @Option(names = "--limit", paramLabel = "N", description = "images to publish (default: ${DEFAULT-VALUE})")
    private int limit = 10_000;

    @Option(names = "--query-id", paramLabel = "ID",
            description = "the image whose neighbours are printed (default: 4999, or 0 when fewer than 5,000 are published)")
    private Long queryId;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the shuffled order (default: ${DEFAULT-VALUE})")
    private long seed = Dataset.DEFAULT_SEED;

    @Option(names = "--json", description = "end with one JSON object: the neighbours and the counts")
    private boolean json;

    @Mixin
    private EmbeddingOptions embedding;
    @Mixin
    private JobOptions job;
    @Mixin
    private SearchOptions search;

    @Override
    public Integer call() throws Exception {
        Settings configured = new SettingsBuilder().with(embedding).with(job).with(search).build();
        Settings settings = SettingsResolver.resolve(configured, embedding.projection());
        try (Dataset images = Dataset.open(dataset.path(), seed, false)) {
            int count = Math.min(limit, images.size());
            if (images instanceof ImageFolderDataset folder) {
                settings = settings.withLoader(settings.loader().withRoot(folder.root()));
            }
            System.err.println("Indexing " + count + " images of " + images.describe());
            long shown = queryId != null ? queryId : count > 4999 ? 4999 : 0;
            long deadLettered;
            try (LocalPipeline pipeline = LocalPipeline.start(settings, false)) {
                deadLettered = PipelineProgress.publishAndAwait(pipeline, images, count);
            }
            report(settings, shown, count, deadLettered, json);
        }
        return 0;
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
