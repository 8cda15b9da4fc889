package org.imagesearch.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsDescription;
import org.imagesearch.config.TableSpec;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.embed.EmbedderPool;
import org.imagesearch.embed.Projection;
import org.imagesearch.json.Json;
import org.imagesearch.query.Hit;
import org.imagesearch.query.ImageSearch;
import org.imagesearch.query.Query;
import org.imagesearch.query.QueryImageEmbedder;
import org.imagesearch.query.QueryTarget;
import org.imagesearch.report.MachineInfo;
import org.imagesearch.store.ImageTable;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.ProjectionLearner;

/**
 * Retrieval quality through the real pipeline: the database split is indexed by the ingest job (Kafka,
 * Flink, model, pgvector) into an emptied table, then every query asks for its 20 nearest neighbours the
 * way users do. An answer is relevant when its class equals the query's. Queries come from a separate
 * split by image (CIFAR: test against train), or, without one, from the database itself by id with the
 * query left out (leave-one-out, e.g. COIL-100). Reports precision@1/10/20, mAP@20 and the HNSW walk's
 * recall@20 against an exact scan (on the first {@value #RECALL_QUERIES} queries). With a whitening recipe the database is indexed twice: once with the
 * plain descriptor into a table of its own, from which the projection is learned and stored, then again
 * with the projection applied inside the job. With query expansion every query is also scored expanded.
 */
public final class Evaluation {
    static final int K = 20;
    private static final int EXAMPLES = 3;
    /** Queries also run as an exact scan for the ANN recall: enough for a stable mean, and each costs a full scan. */
    static final int RECALL_QUERIES = 200;

    /** One query's picture, label and answers, for the report's grids. */
    public record Example(byte[] queryImage, String label, List<Hit> hits) {}

    /**
     * What one run measured, typed: its JSON line ({@link #json}) and the Markdown report ({@link EvalReport})
     * are both made from it.
     *
     * @param expanded     null without query expansion
     * @param whitening    null unless a projection was learned in this run
     * @param indexSeconds null when an earlier run's index was reused
     */
    public record Outcome(Settings settings, String database, int databaseImages, String queriesFrom,
                          MetricSummary plain, MetricSummary expanded, int expansionTopN, LearnedWhitening whitening,
                          Double indexSeconds, List<Example> examples) {
        public ObjectNode json() {
            ObjectNode json = plain.toJson();
            json.put("eval", "retrieval");
            json.put("database", database);
            json.put("database_images", databaseImages);
            json.put("queries_from", queriesFrom);
            json.put("relevance", "same class");
            json.setAll(SettingsDescription.of(settings));
            if (whitening != null) {
                json.set("projection", whitening.json()); // the learned whitening, with its provenance
            }
            if (expanded != null) {
                json.set("query_expansion", expanded.toJson().put("top_n", expansionTopN));
            }
            if (indexSeconds == null) {
                json.put("index_reused", true);
            } else {
                // wall time of indexing, pipeline start-up (broker, job, models) included
                json.put("index_seconds", Json.rounded(indexSeconds, 1));
                json.put("ingest_images_per_s", Json.rounded(databaseImages / indexSeconds, 2));
            }
            json.set("machine", MachineInfo.describe());
            return json;
        }

        /** The images/s of indexing, or null when the index was reused. */
        public Double ingestImagesPerSecond() {
            return indexSeconds == null ? null : Json.rounded(databaseImages / indexSeconds, 2);
        }
    }

    /** A projection learned by this run, with how long learning and the unprojected index took. */
    public record LearnedWhitening(Projection projection, double shrinkage, int sample, double learnSeconds,
                                   double unprojectedIndexSeconds) {
        ObjectNode json() {
            ObjectNode json = Json.object();
            json.put("version", projection.version());
            json.put("kind", "pca-whitening");
            json.put("dims", projection.outputDim());
            json.put("shrinkage", shrinkage);
            json.put("sample", sample);
            json.put("learn_seconds", Json.rounded(learnSeconds, 1));
            json.put("unprojected_index_seconds", Json.rounded(unprojectedIndexSeconds, 1));
            return json;
        }
    }

    /** Learn PCA whitening to {@code dims} from {@code sample} indexed vectors, with eigenvalue shrinkage. */
    public record Whitening(int dims, double shrinkage, int sample) {}

    /**
     * What to do besides plain queries. {@code whitening} may be null; {@code expansion} 0 scores plain
     * queries only; {@code reuseIndex} queries a table an earlier run indexed (the same database images,
     * same descriptor) instead of indexing again, for query-time options such as expansion.
     */
    public record Plan(Whitening whitening, int expansion, boolean reuseIndex) {
        public static final Plan PLAIN = new Plan(null, 0, false);

        public Plan {
            if (reuseIndex && whitening != null) {
                throw new IllegalArgumentException("a reused index is queried as it is: give its --projection, "
                        + "not --whitening");
            }
        }
    }

    private final Settings configured;
    private final Dataset database;
    private final int databaseCount;
    private final Dataset queries;
    private final int queryCount;
    private final Whitening whitening;
    private final int expansion;
    private final boolean reuseIndex;

    public Evaluation(Settings settings, Dataset database, int databaseLimit, Dataset queries, int queryCount,
                      Plan plan) {
        this.configured = settings;
        this.database = database;
        this.databaseCount = Math.min(databaseLimit, database.size());
        this.queries = queries;
        this.queryCount = Math.min(queryCount, queries != null ? queries.size() : databaseCount);
        this.whitening = plan.whitening();
        this.expansion = plan.expansion();
        this.reuseIndex = plan.reuseIndex();
    }

    public Outcome run(LongConsumer progress) throws Exception {
        LearnedWhitening learned = null;
        Settings settings = configured;
        if (whitening != null) {
            TableSpec table = configured.database().table();
            Settings raw = configured.withProjection(null).withTable(table.withName(table.name() + "_raw"));
            long rawStart = System.nanoTime();
            indexDatabase(raw, progress);
            double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
            long learnStart = System.nanoTime();
            Projection projection = ProjectionLearner.learn(raw, whitening.dims(), whitening.shrinkage(),
                    whitening.sample());
            learned = new LearnedWhitening(projection, whitening.shrinkage(), Math.min(whitening.sample(), databaseCount),
                    (System.nanoTime() - learnStart) / 1e9, rawSeconds);
            settings = configured.withProjection(projection);
        }
        long start = System.nanoTime();
        List<String> labels = reuseIndex ? indexedLabels(settings) : indexDatabase(settings, progress);
        double ingestSeconds = (System.nanoTime() - start) / 1e9;
        MetricSummary summary = new MetricSummary();
        MetricSummary expanded = expansion > 0 ? new MetricSummary() : null;
        List<Example> examples = askQueries(settings, labels, summary, expanded);
        return new Outcome(settings, database.describe(), databaseCount,
                queries != null ? queries.describe() : "the database, leave-one-out by id", summary, expanded,
                expansion, learned, reuseIndex ? null : ingestSeconds, examples);
    }

    private List<String> indexedLabels(Settings settings) throws Exception {
        PipelineIndex.requireIndexed(settings, databaseCount);
        return databaseLabels();
    }

    private List<String> databaseLabels() throws Exception {
        List<String> labels = new ArrayList<>(databaseCount);
        for (int i = 0; i < databaseCount; i++) {
            labels.add(database.get(i).label());
        }
        return labels;
    }

    /** Indexes database positions 0..n-1 as ids 0..n-1; returns their labels. */
    private List<String> indexDatabase(Settings settings, LongConsumer progress) throws Exception {
        PipelineIndex.index(settings, database, databaseCount, progress);
        return databaseLabels();
    }

    /** Runs every query approximately and exactly, scoring the approximate answers (also expanded, if asked). */
    private List<Example> askQueries(Settings settings, List<String> labels, MetricSummary summary,
                                     MetricSummary expanded) throws Exception {
        Map<String, Long> perLabel = new HashMap<>();
        labels.forEach(l -> perLabel.merge(l, 1L, Long::sum));
        int[] leaveOneOut = queries == null
                ? new Random(5).ints(0, databaseCount).distinct().limit(queryCount).toArray() : null;
        List<Example> examples = new ArrayList<>();
        try (EmbedderPool embedders = new EmbedderPool(settings.modelSpec(), 1);
             Connection connection = PostgresConnections.open(settings.database())) {
            ImageSearch search = ImageSearch.of(settings, QueryImageEmbedder.using(embedders, settings.loader()));
            ImageTable table = new ImageTable(settings.database().table());
            for (int q = 0; q < queryCount; q++) {
                QueryTarget target;
                String label;
                long relevantInDatabase;
                byte[] picture;
                if (queries != null) {
                    DatasetImage image = queries.get(q);
                    target = new QueryTarget.ByImage(image.bytes(), null);
                    label = image.label();
                    relevantInDatabase = perLabel.getOrDefault(label, 0L);
                    picture = image.bytes();
                } else {
                    int id = leaveOneOut[q];
                    target = new QueryTarget.ById(id);
                    label = labels.get(id);
                    relevantInDatabase = perLabel.get(label) - 1;
                    picture = table.thumbnail(connection, id);
                }
                Query plain = Query.of(target, K).withExpansion(0);
                List<Hit> approximate = score(search, connection, plain, label, relevantInDatabase, summary);
                if (q < RECALL_QUERIES) {
                    summary.addRecall(RetrievalMetrics.recall(ids(approximate),
                            ids(search.search(connection, plain.exactly()).hits())));
                }
                if (expanded != null) {
                    approximate = score(search, connection, plain.withExpansion(expansion), label,
                            relevantInDatabase, expanded);
                }
                if (examples.size() < EXAMPLES) {
                    examples.add(new Example(picture, label, approximate));
                }
            }
        }
        return examples;
    }

    /** Runs one query through the index, adds its scores, and returns its answers. */
    static List<Hit> score(ImageSearch search, Connection connection, Query query, String label,
                                   long relevantInDatabase, MetricSummary summary) throws Exception {
        List<Hit> approximate = search.search(connection, query).hits();
        List<Boolean> relevant = approximate.stream().map(h -> label != null && label.equals(h.label())).toList();
        summary.add(RetrievalMetrics.precisionAt(relevant, 1), RetrievalMetrics.precisionAt(relevant, 10),
                RetrievalMetrics.precisionAt(relevant, K),
                RetrievalMetrics.averagePrecisionAt(relevant, K, relevantInDatabase));
        return approximate;
    }

    private static List<Long> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }
}
