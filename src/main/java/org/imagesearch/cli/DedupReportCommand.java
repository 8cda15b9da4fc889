package org.imagesearch.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.config.VectorTableOptions;
import org.imagesearch.json.Json;
import org.imagesearch.store.DuplicateGroup;
import org.imagesearch.store.DuplicateGroups;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.TableReadiness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dedup-report}: finds the near-duplicate groups of a table filled before ingest marked them. */
@Command(name = "dedup-report", mixinStandardHelpOptions = true, description = {
        "Finds the near-duplicates of a whole table: every image's nearest other image within --duplicate-distance "
                + "(a kNN self-join through the HNSW index), linked images form a group whose root is the earliest "
                + "written. Replaces every stored duplicate_of; ingest waits meanwhile. For tables filled before "
                + "ingest marked near-duplicates, or with it off."})
final class DedupReportCommand implements Callable<Integer> {
    @Option(names = "--json", description = "end with one JSON object: {\"groups\": N, \"images_in_groups\": N}")
    private boolean json;

    @Mixin
    private VectorTableOptions vectors;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Settings settings = new SettingsBuilder().with(vectors).build();
        Settings.Database db = settings.database();
        if (db.duplicateDistance() == null) {
            throw new IllegalArgumentException("dedup-report needs a --duplicate-distance, not off");
        }
        TableReadiness.prepareForWriting(db, settings.model().tag());
        DuplicateGroups groups = new DuplicateGroups(db.table());
        List<DuplicateGroup> found;
        try (Connection connection = PostgresConnections.open(db)) {
            groups.rebuild(connection, db.duplicateDistance());
            found = groups.list(connection, 2, Integer.MAX_VALUE);
        }
        int images = found.stream().mapToInt(DuplicateGroup::size).sum();
        PrintWriter out = spec.commandLine().getOut();
        out.println(found.size() + " groups of near-duplicates (" + images + " images) in " + db.table().name()
                + " at distance " + db.duplicateDistance() + "; list them with: bin/image-search duplicates");
        if (json) {
            out.println(Json.object().put("table", db.table().name()).put("duplicate_distance", db.duplicateDistance())
                    .put("groups", found.size()).put("images_in_groups", images));
        }
        out.flush();
        return 0;
    }
}
