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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code duplicates}: the groups of near-duplicates that ingest marked (or {@code dedup-report} found). */
@Command(name = "duplicates", mixinStandardHelpOptions = true, description = {
        "The groups of near-duplicates in the table, largest first: each group's root (its earliest image) and the "
                + "images marked as copies of it at ingest (--duplicate-distance) or by dedup-report."})
final class DuplicatesCommand implements Callable<Integer> {
    @Option(names = "--json", description = "end with one JSON object: {\"groups\": [{\"root\", \"size\", \"members\"}]}")
    private boolean json;

    @Option(names = "--min-group", paramLabel = "N", description = "only groups of at least N images (default: ${DEFAULT-VALUE})")
    private int minGroup = 2;

    @Option(names = "--limit", paramLabel = "N", description = "at most N groups (default: ${DEFAULT-VALUE})")
    private int limit = 1000;

    @Mixin
    private VectorTableOptions vectors;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (minGroup < 2 || limit < 1) {
            throw new IllegalArgumentException("--min-group must be at least 2 and --limit at least 1");
        }
        Settings settings = new SettingsBuilder().with(vectors).build();
        List<DuplicateGroup> groups;
        try (Connection connection = PostgresConnections.open(settings.database())) {
            groups = new DuplicateGroups(settings.database().table()).list(connection, minGroup, limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(groups.size() + " groups of near-duplicates in " + settings.database().table().name());
        groups.forEach(g -> out.println("  " + g.root() + ": " + g.members()));
        if (json) {
            out.println(Json.object().set("groups", DuplicateGroup.toJson(groups)));
        }
        out.flush();
        return 0;
    }
}
