package org.imagesearch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import org.imagesearch.config.DuplicateDistance;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.embed.EmbedderPool;
import org.imagesearch.json.Json;
import org.imagesearch.query.InvalidQueryException;
import org.imagesearch.query.QueryImageEmbedder;
import org.imagesearch.query.QueryTarget;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.SettingsResolver;
import org.imagesearch.watch.Watch;
import org.imagesearch.watch.WatchJson;
import org.imagesearch.watch.WatchTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code watch}: registers, lists and removes the watches whose matches the ingest job alerts. */
@Command(name = "watch", mixinStandardHelpOptions = true, description = {
        "Watches an image: every image ingested afterwards within the distance --within of it is reported once on the alert "
                + "topic (see the ingest job's --alert-topic). Or lists the watches, or removes one."})
final class WatchCommand implements Callable<Integer> {
    @Option(names = "--image", paramLabel = "FILE", description = "watch this picture")
    private Path image;

    @Option(names = "--id", paramLabel = "ID", description = "watch the indexed image with this id")
    private Long id;

    // Not --distance: that option names the table's metric.
    @Option(names = "--within", paramLabel = "D",
            description = "alert within this distance, in the table's metric (default: the near-duplicate default, "
                    + "cosine " + DuplicateDistance.COSINE_DEFAULT + " or L2 " + DuplicateDistance.L2_DEFAULT + ")")
    private Double distance;

    @Option(names = "--note", paramLabel = "TEXT", description = "a label kept with the watch")
    private String note;

    @Option(names = "--list", description = "list the watches")
    private boolean list;

    @Option(names = "--remove", paramLabel = "W", description = "remove watch W")
    private Long remove;

    @Option(names = "--json", description = "end with one JSON object: {\"watches\": [...]}")
    private boolean json;

    @Mixin
    private EmbeddingOptions embedding;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int actions = (image != null ? 1 : 0) + (id != null ? 1 : 0) + (list ? 1 : 0) + (remove != null ? 1 : 0);
        if (actions != 1) {
            throw new IllegalArgumentException("give exactly one of --image FILE, --id ID, --list and --remove W");
        }
        if ((distance != null || note != null) && (list || remove != null)) {
            throw new IllegalArgumentException("--within and --note go with --image or --id");
        }
        if (distance != null && !(distance >= 0 && Double.isFinite(distance))) {
            throw new IllegalArgumentException("--within must be a finite distance of at least 0, got " + distance);
        }
        if (image != null && !Files.isRegularFile(image)) {
            throw new IllegalArgumentException("--image " + image + ": no such readable file; check the path");
        }
        Settings settings = SettingsResolver.resolveForQueries(new SettingsBuilder().with(embedding).build(),
                embedding.projection());
        WatchTable table = new WatchTable(settings.database().table());
        PrintWriter out = spec.commandLine().getOut();
        try (Connection connection = PostgresConnections.open(settings.database())) {
            table.create(connection);
            if (remove != null) {
                if (!table.remove(connection, remove)) {
                    throw new IllegalArgumentException("no watch " + remove + " in " + settings.database().table().watchTableName());
                }
                out.println("removed watch " + remove);
            }
            List<Watch> shown = list ? table.list(connection) : remove != null ? List.of() : List.of(add(settings, table, connection));
            shown.forEach(w -> out.println(WatchJson.line(w)));
            if (json) {
                ArrayNode watches = Json.MAPPER.createArrayNode();
                shown.forEach(w -> watches.add(WatchJson.of(w)));
                out.println(Json.object().set("watches", watches));
            }
        }
        out.flush();
        return 0;
    }

    private Watch add(Settings settings, WatchTable table, Connection connection) throws Exception {
        double within = distance != null ? distance : DuplicateDistance.defaultFor(settings.database().table().distance());
        if (id != null) {
            Watch watch = table.addImage(connection, id, within, note);
            if (watch == null) {
                throw new IllegalArgumentException("no image " + id + " in " + settings.database().table().name());
            }
            return watch;
        }
        try (EmbedderPool embedders = new EmbedderPool(settings.modelSpec(), 1)) {
            float[] vector = QueryImageEmbedder.using(embedders, settings.loader())
                    .embed(new QueryTarget.ByImage(Files.readAllBytes(image), null));
            return table.add(connection, vector, within, note != null ? note : image.getFileName().toString());
        } catch (InvalidQueryException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
