package org.imagesearch.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.JobOptions;
import org.imagesearch.config.KafkaOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.config.TableSpec;
import org.imagesearch.eval.MetricSummary;
import org.imagesearch.eval.TableComparison;
import org.imagesearch.kafka.TopicOffsets;
import org.imagesearch.local.TopicReplay;
import org.imagesearch.store.ImageTable;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.SettingsResolver;
import org.imagesearch.store.TableAliases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reindex}: re-embeds every image into a new table by replaying the ingest topic, reports both tables, and
 * points the alias at the new one when asked ({@code --switch}), or back ({@code --rollback}).
 */
@Command(name = "reindex", mixinStandardHelpOptions = true, description = {
        "Re-embed safely: replay the ingest topic into a new table with new descriptor options, compare the "
                + "tables, switch the alias to the new one (or roll back).",
        "Replays from the earliest offsets up to the end offsets at the start, through the ingest job on a local "
                + "MiniCluster, into --to-table; prints the rows of the table the alias points to and of the new one, "
                + "with --eval-queries their P@20 on the same ids, and with --switch points the alias at the new "
                + "table. "
                + "The alias is named like --table; serve and the query job follow it within 2 s, search reads it "
                + "once. --rollback points it back at the table it named before the last switch."})
final class ReindexCommand implements Callable<Integer> {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    private static final long SAMPLE_SEED = 5;

    @Option(names = "--to-table", paramLabel = "NAME", description = "the new table: [a-z_][a-z0-9_]*, at most 48 "
            + "characters; created if missing, and refused if it holds vectors of another descriptor")
    private String toTable;

    @Option(names = "--switch", description = "after the replay, point the alias at --to-table")
    private boolean switchAlias;

    @Option(names = "--rollback", description = "point the alias back at the table it named before the last switch "
            + "(nothing is replayed)")
    private boolean rollback;

    @Option(names = "--eval-queries", paramLabel = "N", description = "compare the tables on N ids that have the "
            + "same class in both, searched by id in each (default: ${DEFAULT-VALUE}: no comparison)")
    private int evalQueries = 0;

    @Mixin
    private KafkaOptions kafka;
    /** The new table's descriptor, model and projection; its --table names the alias. */
    @Mixin
    private EmbeddingOptions embedding;
    @Mixin
    private JobOptions job;
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Settings configured = new SettingsBuilder().with(kafka).with(embedding).with(job).build();
        String alias = configured.database().table().name();
        PrintWriter out = spec.commandLine().getOut();
        if (rollback) {
            if (toTable != null || switchAlias) {
                throw new IllegalArgumentException("--rollback goes alone: it replays nothing and switches back");
            }
            try (Connection connection = PostgresConnections.open(configured.database())) {
                print(out, TableAliases.rollback(connection, alias));
            }
            return 0;
        }
        if (toTable == null) {
            throw new IllegalArgumentException("give --to-table NAME (the new table), or --rollback");
        }
        if (evalQueries < 0) {
            throw new IllegalArgumentException("--eval-queries must be 0 or more");
        }
        TableSpec.requireName(toTable);
        String current;
        try (Connection connection = PostgresConnections.open(configured.database())) {
            current = TableAliases.target(connection, alias);
        }
        if (current.equals(toTable)) {
            throw new IllegalArgumentException("alias " + alias + " points to " + toTable + " already: re-embed into "
                    + "another --to-table");
        }
        // The replay's own consumer group: committed at the replay's end, so the ingest job into the new table
        // continues from there with neither a gap nor a second pass.
        String group = configured.kafka().groupId() + "-" + toTable;
        Settings replayed = SettingsResolver.resolveForWriting(configured
                .withKafka(configured.kafka().reading(configured.kafka().topic(), group))
                .withTable(configured.database().table().withName(toTable)), embedding.projection(), false);
        out.printf("Replaying %s from its earliest offsets into %s (%s)...%n", configured.kafka().topic(), toTable,
                replayed.model().tag().describe());
        out.flush();
        TopicReplay.Outcome replay = TopicReplay.run(replayed);
        TopicOffsets.commit(configured.kafka().bootstrapServers(), group, replay.stops(), KAFKA_TIMEOUT);
        TableSpec before = configured.database().table().withName(current);
        TableSpec after = replayed.database().table();
        try (Connection connection = PostgresConnections.open(configured.database())) {
            out.printf(Locale.ROOT, "Replayed %d offsets of %s in %.1f s; consumer group %s now stands at their end%n",
                    replay.offsets(), configured.kafka().topic(), replay.seconds(), group);
            out.printf("Rows: %s %d (alias %s), %s %d%n", current, new ImageTable(before).countRows(connection), alias,
                    toTable, new ImageTable(after).countRows(connection));
        }
        if (evalQueries > 0) {
            TableComparison.Outcome compared = TableComparison.compare(replayed, before, after, evalQueries,
                    SAMPLE_SEED);
            out.printf(Locale.ROOT, "P@20 over %d ids (searched by id, same class = relevant): %s %s, %s %s%n",
                    compared.beforeScores().queries(), current, p20(compared.beforeScores()), toTable,
                    p20(compared.afterScores()));
            out.println(compared.json());
        }
        if (switchAlias) {
            try (Connection connection = PostgresConnections.open(configured.database())) {
                print(out, TableAliases.switchTo(connection, alias, toTable));
            }
        } else {
            out.printf("Alias %s still points to %s: run again with --switch to point it at %s%n", alias, current,
                    toTable);
        }
        out.printf("Ingest into %s continues with: ingest --table %s --group-id %s (and this run's descriptor "
                + "options)%n", toTable, toTable, group);
        out.flush();
        return 0;
    }

    private static String p20(MetricSummary scores) {
        return scores.queries() == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", scores.precisionAt20());
    }

    private static void print(PrintWriter out, TableAliases.Alias alias) {
        out.printf("Alias %s now points to %s (before: %s), since %s%n", alias.alias(), alias.target(),
                alias.previous(), alias.switchedAt().toInstant());
        out.flush();
    }
}
