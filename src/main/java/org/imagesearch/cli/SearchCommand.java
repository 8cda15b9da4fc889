package org.imagesearch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.SearchOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.embed.EmbedderPool;
import org.imagesearch.json.Json;
import org.imagesearch.query.Filter;
import org.imagesearch.query.ImageSearch;
import org.imagesearch.query.Query;
import org.imagesearch.query.QueryImageEmbedder;
import org.imagesearch.query.QueryTarget;
import org.imagesearch.query.SearchResult;
import org.imagesearch.report.ContactSheet;
import org.imagesearch.report.NeighbourReport;
import org.imagesearch.store.ImageTable;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.SettingsResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code search}: one query against the table, printed as a table (or JSON), optionally drawn as a 4x5 contact sheet. */
@Command(name = "search", mixinStandardHelpOptions = true, description = {
        "One search from the command line: by a picture (--image) or by an indexed image (--id).",
        "Prints the nearest neighbours; --grid draws them under the query as a 4x5 contact sheet."})
final class SearchCommand implements Callable<Integer> {
    @Option(names = "--image", paramLabel = "FILE", description = "search by this picture")
    private Path image;

    @Option(names = "--id", paramLabel = "ID", description = "search by the indexed image with this id")
    private Long id;

    @Option(names = {"-k", "--k"}, paramLabel = "K", description = "answers, 1..100 (default: ${DEFAULT-VALUE})")
    private int k = Query.DEFAULT_K;

    @Option(names = "--class", paramLabel = "C", description = "only answers of this class")
    private String label;

    @Option(names = "--grid", paramLabel = "FILE.png", description = "also draw the answers as a contact sheet")
    private Path grid;

    @Option(names = "--json", description = "end with one JSON object, the demo's shape")
    private boolean json;

    @Mixin
    private EmbeddingOptions embedding;
    @Mixin
    private SearchOptions search;

    @Override
    public Integer call() throws Exception {
        if ((image == null) == (id == null)) {
            throw new IllegalArgumentException("give exactly one of --image FILE and --id ID");
        }
        // Checked before the database is reached, so a wrong path is not hidden behind a connection error
        // and is not found only after the search, when the contact sheet is drawn.
        if (image != null) {
            checkReadable(image);
        }
        if (grid != null) {
            checkWritable(grid);
        }
        Settings configured = new SettingsBuilder().with(embedding).with(search).build();
        Settings settings = SettingsResolver.resolveForQueries(configured, embedding.projection());
        byte[] imageBytes = image == null ? null : Files.readAllBytes(image);
        QueryTarget target = image != null ? new QueryTarget.ByImage(imageBytes, null) : new QueryTarget.ById(id);
        Query query = Query.of(target, k).withFilter(new Filter(label, null));

        try (EmbedderPool embedders = image == null ? null : new EmbedderPool(settings.modelSpec(), 1);
             Connection connection = PostgresConnections.open(settings.database())) {
            ImageSearch searcher = ImageSearch.of(settings, embedders == null ? QueryImageEmbedder.NONE
                    : QueryImageEmbedder.using(embedders, settings.loader()));
            ImageTable rows = new ImageTable(settings.database().table());
            SearchResult result = searcher.search(connection, query);
            String queryLabel = image != null ? image.getFileName().toString() : rows.labelOf(connection, id);
            long queryId = image != null ? -1 : id;
            NeighbourReport.printTable(System.out, queryId, queryLabel,
                    settings.database().table().distance().name(), result.hits());
            if (grid != null) {
                byte[] queryPicture = imageBytes != null ? imageBytes : rows.thumbnail(connection, queryId);
                ContactSheet.write(grid, queryPicture, image != null ? queryLabel : queryLabel + " #" + queryId,
                        result.hits(), hitId -> rows.thumbnail(connection, hitId));
                System.err.println("Wrote " + grid);
            }
            if (json) {
                ObjectNode answer = NeighbourReport.toJson(queryId, queryLabel, result.hits());
                answer.put("took_ms", Json.rounded(result.tookMs(), 2));
                System.out.println(answer);
            }
        } catch (org.imagesearch.query.InvalidQueryException | org.imagesearch.query.UnknownImageException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return 0;
    }

    private static void checkReadable(Path image) {
        if (Files.isDirectory(image)) {
            throw new IllegalArgumentException("--image " + image + " is a folder: give the path of a picture");
        }
        if (!Files.isReadable(image)) {
            throw new IllegalArgumentException("--image " + image + ": no such readable file; check the path");
        }
    }

    private static void checkWritable(Path grid) {
        if (Files.isDirectory(grid)) {
            throw new IllegalArgumentException("--grid " + grid + " is a folder: give a file name such as "
                    + grid.resolve("grid.png"));
        }
        Path folder = grid.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--grid " + grid + ": no folder " + folder + "; create it or pick another");
        }
        if (!Files.isWritable(folder) || Files.exists(grid) && !Files.isWritable(grid)) {
            throw new IllegalArgumentException("--grid " + grid + ": cannot write there; pick another folder");
        }
    }
}
