package org.imagesearch.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsDescription;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.embed.DistanceMetric;
import org.imagesearch.embed.EmbedderPool;
import org.imagesearch.json.Json;
import org.imagesearch.query.Hit;
import org.imagesearch.query.ImageSearch;
import org.imagesearch.query.Query;
import org.imagesearch.query.QueryImageEmbedder;
import org.imagesearch.query.QueryTarget;
import org.imagesearch.report.MachineInfo;
import org.imagesearch.store.ImageTable;
import org.imagesearch.store.PostgresConnections;

/**
 * Copy detection through the real pipeline: the data set's first n images (the database, distinct images) are indexed
 * by the ingest job, then every {@link CopyEdit} of the first {@code originals} of them is embedded and searched the
 * way users search. Rank-1 is right when the nearest indexed image is the copy's original. For {@code duplicate_of}
 * the labelled distances are: positive, a copy to its original; negative, an original or a copy to its nearest
 * indexed image other than the original (a distinct image); {@link PrecisionRecall} turns them into the curve and
 * the threshold that keeps precision at {@value #TARGET_PRECISION}.
 */
public final class CopyDetection {
    /** The goal for {@code duplicate_of}: at most one wrong mark in fifty. */
    public static final double TARGET_PRECISION = 0.98;
    /** A copy's search needs its original and the nearest distinct image; the HNSW walk's breadth is ef_search. */
    private static final int K = 2;

    /** How many copies of each edit had their original first. */
    public record EditScore(CopyEdit edit, int copies, int rankOne) {
        double rate() {
            return rankOne / (double) copies;
        }
    }

    /**
     * What one run measured.
     *
     * @param atDefault    null when the configured duplicate distance is off
     * @param indexSeconds null when an earlier run's index was reused
     */
    public record Outcome(Settings settings, String database, int databaseImages, int originals, long seed,
                          List<EditScore> edits, PrecisionRecall.Point best, PrecisionRecall.Point atDefault,
                          List<PrecisionRecall.Point> curve, Double indexSeconds) {
        public double rankOne() {
            return rate(edits);
        }

        /** Rank-1 over the edits that keep 80% of each side (the hard case). */
        public double rankOneCrop80() {
            return rate(edits.stream().filter(e -> e.edit().crop() == 0.8).toList());
        }

        private static double rate(List<EditScore> scores) {
            return scores.stream().mapToInt(EditScore::rankOne).sum()
                    / (double) scores.stream().mapToInt(EditScore::copies).sum();
        }

        public ObjectNode json() {
            ObjectNode json = Json.object();
            json.put("eval", "copies");
            json.put("database", database);
            json.put("database_images", databaseImages);
            json.put("originals", originals);
            json.put("copies", edits.stream().mapToInt(EditScore::copies).sum());
            json.put("edit_seed", seed);
            json.put("rank_1", Json.rounded(rankOne(), 4));
            json.put("rank_1_crop_80", Json.rounded(rankOneCrop80(), 4));
            ObjectNode byEdit = json.putObject("rank_1_by_edit");
            edits.forEach(e -> byEdit.put(e.edit().label(), Json.rounded(e.rate(), 4)));
            ObjectNode duplicates = json.putObject("duplicate_of");
            duplicates.put("target_precision", TARGET_PRECISION);
            if (best != null) {
                duplicates.set("best_threshold", point(best));
            }
            if (atDefault != null) {
                duplicates.set("at_configured_distance", point(atDefault));
            }
            ArrayNode rows = duplicates.putArray("curve");
            curve.forEach(p -> rows.add(point(p)));
            json.setAll(SettingsDescription.of(settings));
            if (indexSeconds == null) {
                json.put("index_reused", true);
            } else {
                json.put("index_seconds", Json.rounded(indexSeconds, 1));
            }
            json.set("machine", MachineInfo.describe());
            return json;
        }

        /** The README's table: rank-1 per edit, overall and on 80% crops, and the chosen threshold. */
        public String markdown() {
            StringBuilder md = new StringBuilder("| edit | rank-1 |\n| --- | --- |\n");
            edits.forEach(e -> md.append("| ").append(e.edit().label()).append(" | ").append(format(e.rate()))
                    .append(" |\n"));
            md.append("| **all edits** | **").append(format(rankOne())).append("** |\n");
            md.append("| **80% crops** | **").append(format(rankOneCrop80())).append("** |\n");
            if (best != null) {
                md.append("\nduplicate_of at distance ").append(format(best.threshold())).append(": precision ")
                        .append(format(best.precision())).append(", recall ").append(format(best.recall()))
                        .append("\n");
            }
            if (atDefault != null) {
                md.append("at the configured ").append(format(atDefault.threshold())).append(": precision ")
                        .append(format(atDefault.precision())).append(", recall ").append(format(atDefault.recall()))
                        .append("\n");
            }
            return md.toString();
        }

        private static ObjectNode point(PrecisionRecall.Point p) {
            ObjectNode node = Json.object();
            node.put("distance", Json.rounded(p.threshold(), 4));
            node.put("precision", Json.rounded(p.precision(), 4));
            node.put("recall", Json.rounded(p.recall(), 4));
            return node;
        }

        private static String format(double value) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
    }

    private final Settings settings;
    private final Dataset dataset;
    private final int databaseCount;
    private final int originals;
    private final CopyEdits copies;
    private final long seed;
    private final boolean reuseIndex;

    public CopyDetection(Settings settings, Dataset dataset, int databaseLimit, int originals, long seed,
                         boolean reuseIndex) {
        this.settings = settings;
        this.dataset = dataset;
        this.databaseCount = Math.min(databaseLimit, dataset.size());
        this.originals = Math.min(originals, databaseCount);
        this.copies = new CopyEdits(seed);
        this.seed = seed;
        this.reuseIndex = reuseIndex;
    }

    /** {@code progress} hears of indexed images, then {@code searched} of originals whose copies were all searched. */
    public Outcome run(LongConsumer progress, LongConsumer searched) throws Exception {
        long start = System.nanoTime();
        if (reuseIndex) {
            PipelineIndex.requireIndexed(settings, databaseCount);
        } else {
            PipelineIndex.index(settings, dataset, databaseCount, progress);
        }
        double indexSeconds = (System.nanoTime() - start) / 1e9;
        Map<CopyEdit, int[]> rankOne = new EnumMap<>(CopyEdit.class); // per edit: copies searched, found first
        List<Double> positives = new ArrayList<>();
        List<Double> negatives = new ArrayList<>();
        DistanceMetric metric = settings.database().table().distance();
        try (EmbedderPool embedders = new EmbedderPool(settings.modelSpec(), 1);
             Connection connection = PostgresConnections.open(settings.database())) {
            ImageSearch search = ImageSearch.of(settings, QueryImageEmbedder.using(embedders, settings.loader()));
            ImageTable table = new ImageTable(settings.database().table());
            for (int id = 0; id < originals; id++) {
                float[] original = table.vectorsOf(connection, List.of((long) id)).get((long) id);
                negatives.add(nearestOther(search.search(connection, query(new QueryTarget.ById(id))).hits(), id));
                byte[] bytes = dataset.get(id).bytes();
                for (CopyEdit edit : CopyEdits.all()) {
                    float[] vector = search.embed(new QueryTarget.ByImage(copies.copyOf(bytes, id, edit), null));
                    List<Hit> hits = search.search(connection, query(new QueryTarget.ByVector(vector))).hits();
                    rankOne.computeIfAbsent(edit, e -> new int[2])[0]++;
                    if (!hits.isEmpty() && hits.get(0).id() == id) {
                        rankOne.get(edit)[1]++;
                    }
                    positives.add(metric.between(vector, original));
                    negatives.add(nearestOther(hits, id));
                }
                searched.accept(id + 1);
            }
        }
        PrecisionRecall curve = new PrecisionRecall(unboxed(positives), unboxed(negatives));
        Double configured = settings.database().duplicateDistance();
        return new Outcome(settings, dataset.describe(), databaseCount, originals, seed,
                rankOne.entrySet().stream().map(e -> new EditScore(e.getKey(), e.getValue()[0], e.getValue()[1]))
                        .toList(),
                curve.bestAt(TARGET_PRECISION), configured == null ? null : curve.at(configured), curve.sampled(),
                reuseIndex ? null : indexSeconds);
    }

    private static Query query(QueryTarget target) {
        return Query.of(target, K).withExpansion(0);
    }

    /** The distance of the nearest answer that is not {@code original}: a distinct image. */
    private static double nearestOther(List<Hit> hits, long original) {
        return hits.stream().filter(h -> h.id() != original).mapToDouble(Hit::distance).findFirst()
                .orElse(Double.POSITIVE_INFINITY);
    }

    private static double[] unboxed(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
