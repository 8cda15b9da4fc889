package org.imagesearch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imagesearch.config.Options;
import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.config.Settings;
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

/**
 * {@code search --image FILE | --id ID [-k 20] [--class C] [--json] [--grid out.png]}: one query against
 * the table, printed as a table (or JSON), optionally drawn as a 4x5 contact sheet.
 */
final class SearchCommand {
    private SearchCommand() {}

    static void run(String[] args) throws Exception {
        // "-k 20" is the documented spelling; the option parser knows "--k".
        String[] normalised = Arrays.stream(args).map(a -> a.equals("-k") ? "--k" : a).toArray(String[]::new);
        Options options = Options.parse(normalised, Set.of("json"));
        Set<String> known = new TreeSet<>(Settings.OPTIONS);
        known.addAll(List.of("image", "id", "k", "class", "json", "grid"));
        options.rejectUnknown(known);
        Settings settings = SettingsResolver.resolveForQueries(Settings.from(options),
                ProjectionChoice.parse(options.get("projection", "none")));
        String image = options.get("image", null);
        String id = options.get("id", null);
        if ((image == null) == (id == null)) {
            throw new IllegalArgumentException("give exactly one of --image FILE and --id ID");
        }
        byte[] imageBytes = image == null ? null : Files.readAllBytes(Path.of(image));
        QueryTarget target = image != null ? new QueryTarget.ByImage(imageBytes, null)
                : new QueryTarget.ById(options.getLong("id", 0));
        Query query = Query.of(target, options.getInt("k", Query.DEFAULT_K))
                .withFilter(new Filter(options.get("class", null), null));

        try (EmbedderPool embedders = image == null ? null : new EmbedderPool(settings.modelSpec(), 1);
             Connection connection = PostgresConnections.open(settings.database())) {
            ImageSearch search = ImageSearch.of(settings, embedders == null ? QueryImageEmbedder.NONE
                    : QueryImageEmbedder.using(embedders, settings.loader()));
            ImageTable table = new ImageTable(settings.database().table());
            SearchResult result = search.search(connection, query);
            String queryLabel = image != null ? Path.of(image).getFileName().toString()
                    : table.labelOf(connection, options.getLong("id", 0));
            long queryId = image != null ? -1 : options.getLong("id", 0);
            NeighbourReport.printTable(System.out, queryId, queryLabel,
                    settings.database().table().distance().name(), result.hits());
            String grid = options.get("grid", null);
            if (grid != null) {
                byte[] queryPicture = imageBytes != null ? imageBytes : table.thumbnail(connection, queryId);
                ContactSheet.write(Path.of(grid), queryPicture, image != null ? queryLabel : queryLabel + " #" + queryId,
                        result.hits(), hitId -> table.thumbnail(connection, hitId));
                System.err.println("Wrote " + grid);
            }
            if (options.flag("json")) {
                ObjectNode json = NeighbourReport.toJson(queryId, queryLabel, result.hits());
                json.put("took_ms", Json.rounded(result.tookMs(), 2));
                System.out.println(json);
            }
        } catch (org.imagesearch.query.InvalidQueryException | org.imagesearch.query.UnknownImageException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
