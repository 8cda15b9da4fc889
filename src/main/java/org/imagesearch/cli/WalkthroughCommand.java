package org.imagesearch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;
import org.imagesearch.config.DatabaseOptions;
import org.imagesearch.config.JobOptions;
import org.imagesearch.config.LoaderOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code walkthrough}: the reference walk-through, reproduced. Indexes the training split through the real
 * pipeline (embedded Kafka, the Flink ingest job, the reference model) into the reference's own emptied table
 * {@code reference.image_search(id integer, class text, image_vector real[])} with its HNSW cast-expression
 * index, runs the reference's query for one image, prints the 20 rows and draws them as a 4x5 grid under the
 * query image. The model, descriptor and table are always the reference's: their option groups are not mixed
 * in, so those options are refused.
 */
@Command(name = "walkthrough", mixinStandardHelpOptions = true, description = {
        "The reference walk-through: index the training split through the pipeline into reference.image_search "
                + "(id integer, class text, image_vector real[]) with an HNSW index on image_vector::vector(1000), "
                + "print the 20 rows of the reference's query and draw them as a 4x5 grid.",
        "The model, descriptor and table are the reference's (SqueezeNet 1.0 logits at 224, L2); "
                + "their options are refused."})
final class WalkthroughCommand implements Callable<Integer> {
    private static final long REFERENCE_QUERY_ID = 4999;

    private final PrintStream out;

    @Mixin
    private DatasetOption dataset;

    @Option(names = "--limit", paramLabel = "N", description = "index the first N images only (default: the whole file)")
    private Integer limit;

    @Option(names = "--query-id", paramLabel = "ID",
            description = "the query image (default: 4999, the reference's example, or 0 when fewer than 5,000 are indexed)")
    private Long queryId;

    @Option(names = "--grid", paramLabel = "FILE.png", description = "where the grid is written (default: ${DEFAULT-VALUE})")
    private Path grid = Path.of("walkthrough.png");

    @Option(names = "--json", description = "end with one JSON object: the rows, the grid and the counts")
    private boolean json;

    @Mixin
    private DatabaseOptions database;
    @Mixin
    private LoaderOptions loader;
    @Mixin
    private JobOptions job;

    WalkthroughCommand() {
        this(System.out);
    }

    /** Prints its results to {@code out}; the progress goes to stderr. */
    WalkthroughCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = ReferenceModel.applyTo(
                new SettingsBuilder().with(database).with(loader).with(job).build());
        try (Dataset images = Dataset.open(dataset.path(), Dataset.DEFAULT_SEED, true)) {
            int count = limit == null ? images.size() : Math.min(limit, images.size());
            long shown = queryId != null ? queryId : count > REFERENCE_QUERY_ID ? REFERENCE_QUERY_ID : 0;
            System.err.println("Indexing " + count + " images of " + images.describe() + " into "
                    + ReferenceSql.TABLE + " through Kafka and the Flink ingest job");
            long start = System.nanoTime();
            long deadLettered;
            try (LocalPipeline pipeline = LocalPipeline.start(settings, new ReferenceTable(settings))) {
                deadLettered = PipelineProgress.publishAndAwait(pipeline, images, count);
            }
            ReferenceQuery.Answer answer;
            try (Connection connection = PostgresConnections.open(settings.database())) {
                answer = new ReferenceQuery(new ReferenceSql(settings.database().table().dimension()))
                        .neighboursOf(connection, shown);
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            out.printf("Indexed %d images into %s in %.0f s (dead-lettered %d).%n", count - deadLettered,
                    ReferenceSql.TABLE, seconds, deadLettered);
            String queryClass = answer.queryClass() == null ? "" : answer.queryClass();
            NeighbourReport.printTable(out, shown, queryClass, settings.database().table().distance().name(),
                    answer.neighbours());
            ContactSheet.write(grid, images.get(Math.toIntExact(shown)).bytes(), queryClass + " #" + shown,
                    answer.neighbours(), id -> images.get(Math.toIntExact(id)).bytes());
            out.println("Grid: " + grid.toAbsolutePath());
            if (json) {
                ObjectNode result = NeighbourReport.toJson(shown, queryClass, answer.neighbours());
                result.put("grid", grid.toAbsolutePath().toString());
                result.put("images_indexed", count - deadLettered);
                result.put("dead_lettered", deadLettered);
                result.put("seconds", Json.rounded(seconds, 1));
                out.println(result);
            }
        }
        return 0;
    }
}
