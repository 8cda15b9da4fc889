package org.imagesearch.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.imagesearch.config.Settings;
import org.imagesearch.config.TableSpec;
import org.imagesearch.json.Json;
import org.imagesearch.query.ImageSearch;
import org.imagesearch.query.Query;
import org.imagesearch.query.QueryImageEmbedder;
import org.imagesearch.query.QueryTarget;
import org.imagesearch.store.ImageTable;
import org.imagesearch.store.PostgresConnections;

/**
 * Two tables of the same images side by side, before a switch: one labelled sample (ids that have a class in both
 * tables, seeded), each id searched by id in each table as the front ends search, an answer relevant when it has the
 * query's class ({@link Evaluation#score}). By id, because each table's own stored vectors are then the query, so
 * tables of different descriptors are judged on the same images without loading either model.
 */
public final class TableComparison {
    /** The scores of the table searched until now and of the new one, over the same {@code queries} ids. */
    public record Outcome(String before, MetricSummary beforeScores, String after, MetricSummary afterScores) {
        public ObjectNode json() {
            ObjectNode json = Json.object();
            json.put("queries", beforeScores.queries());
            json.set(before, beforeScores.toJson());
            json.set(after, afterScores.toJson());
            return json;
        }
    }

    private TableComparison() {}

    /** Scores up to {@code queries} ids sampled with {@code seed} in {@code before} and {@code after}. */
    public static Outcome compare(Settings settings, TableSpec before, TableSpec after, int queries, long seed)
            throws Exception {
        try (Connection connection = PostgresConnections.open(settings.database())) {
            Map<Long, String> beforeLabels = new ImageTable(before).labels(connection);
            Map<Long, String> afterLabels = new ImageTable(after).labels(connection);
            List<Long> sample = new ArrayList<>(beforeLabels.keySet().stream()
                    .filter(id -> beforeLabels.get(id).equals(afterLabels.get(id))).sorted().toList());
            Collections.shuffle(sample, new Random(seed));
            sample = sample.subList(0, Math.min(queries, sample.size()));
            return new Outcome(before.name(), scores(connection, settings, before, beforeLabels, sample),
                    after.name(), scores(connection, settings, after, afterLabels, sample));
        }
    }

    private static MetricSummary scores(Connection connection, Settings settings, TableSpec table,
                                        Map<Long, String> labels, List<Long> sample) throws Exception {
        Map<String, Long> perLabel = new HashMap<>();
        labels.values().forEach(l -> perLabel.merge(l, 1L, Long::sum));
        ImageSearch search = new ImageSearch(table, settings.search().efSearch(), 0, QueryImageEmbedder.NONE);
        MetricSummary summary = new MetricSummary();
        for (long id : sample) {
            String label = labels.get(id);
            // the query itself is left out of its answer, and out of what could be found
            Evaluation.score(search, connection, Query.of(new QueryTarget.ById(id), Evaluation.K).withExpansion(0),
                    label, perLabel.get(label) - 1, summary);
        }
        return summary;
    }
}
