package org.imagesearch.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import org.imagesearch.bench.MachineInfo;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.demo.LocalPipeline;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.query.EmbedderPool;
import org.imagesearch.query.Hit;
import org.imagesearch.query.ImageSearch;
import org.imagesearch.query.Query;
import org.imagesearch.query.QueryTarget;
import org.imagesearch.store.PostgresConnections;

/**
 * Retrieval quality through the real pipeline: the database split is indexed by the ingest job (Kafka,
 * Flink, model, pgvector) into an emptied table, then every query asks for its 20 nearest neighbours the
 * way users do. An answer is relevant when its class equals the query's. Queries come from a separate
 * split by image (CIFAR: test against train), or, without one, from the database itself by id with the
 * query left out (leave-one-out, e.g. COIL-100). Reports precision@1/10/20, mAP@20 and the HNSW walk's
 * recall@20 against an exact scan.
 */
public final class Evaluation {
    private static final int K = 20;
    private static final int EXAMPLES = 3;

    /** One query's picture, label and answers, for the report's grids. */
    public record Example(byte[] queryImage, String label, List<Hit> hits) {}

    public record Outcome(ObjectNode json, List<Example> examples) {}

    private final Settings settings;
    private final Dataset database;
    private final int databaseCount;
    private final Dataset queries;
    private final int queryCount;

    public Evaluation(Settings settings, Dataset database, int databaseLimit, Dataset queries, int queryCount) {
        this.settings = settings;
        this.database = database;
        this.databaseCount = Math.min(databaseLimit, database.size());
        this.queries = queries;
        this.queryCount = Math.min(queryCount, queries != null ? queries.size() : databaseCount);
    }

    public Outcome run(LongConsumer progress) throws Exception {
        long start = System.nanoTime();
        List<String> labels = indexDatabase(progress);
        double ingestSeconds = (System.nanoTime() - start) / 1e9;
        MetricSummary summary = new MetricSummary();
        List<Example> examples = askQueries(labels, summary);

        ObjectNode json = summary.toJson();
        json.put("eval", "retrieval");
        json.put("database", database.describe());
        json.put("database_images", databaseCount);
        json.put("queries_from", queries != null ? queries.describe() : "the database, leave-one-out by id");
        json.put("relevance", "same class");
        json.put("model", settings.model().name());
        json.put("descriptor", "logits");
        json.put("input_size", 224);
        json.put("distance", settings.database().table().distance().name().toLowerCase());
        json.put("ef_search", settings.search().efSearch());
        // wall time of indexing, pipeline start-up (broker, job, models) included
        json.put("index_seconds", Math.round(ingestSeconds * 10) / 10.0);
        json.put("ingest_images_per_s", Math.round(databaseCount / ingestSeconds * 100) / 100.0);
        json.set("machine", MachineInfo.describe());
        return new Outcome(json, examples);
    }

    /** Publishes database positions 0..n-1 as ids 0..n-1 and waits until all are indexed; returns their labels. */
    private List<String> indexDatabase(LongConsumer progress) throws Exception {
        List<String> labels = new ArrayList<>(databaseCount);
        try (LocalPipeline pipeline = LocalPipeline.start(settings, true);
             ImagePublisher publisher = pipeline.publisher()) {
            for (int i = 0; i < databaseCount; i++) {
                DatasetImage image = database.get(i);
                labels.add(image.label());
                publisher.send(i, IngestMessageWriter.upsert(i, image));
            }
            publisher.flush();
            pipeline.awaitSettled(databaseCount, Duration.ofMinutes(5), progress);
            if (pipeline.deadLetters() > 0) {
                throw new IllegalStateException(pipeline.deadLetters() + " database images were dead-lettered: "
                        + pipeline.latestDeadLetter());
            }
        }
        return labels;
    }

    /** Runs every query approximately and exactly, scoring the approximate answers. */
    private List<Example> askQueries(List<String> labels, MetricSummary summary) throws Exception {
        Map<String, Long> perLabel = new HashMap<>();
        labels.forEach(l -> perLabel.merge(l, 1L, Long::sum));
        int[] leaveOneOut = queries == null
                ? new Random(5).ints(0, databaseCount).distinct().limit(queryCount).toArray() : null;
        List<Example> examples = new ArrayList<>();
        try (EmbedderPool embedders = new EmbedderPool(settings.model().path(),
                     settings.database().table().dimension(), 1);
             Connection connection = PostgresConnections.open(settings.database())) {
            ImageSearch search = new ImageSearch(settings.database().table(), settings.search().efSearch(),
                    settings.loader(), embedders);
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
                    picture = search.thumbnail(connection, id);
                }
                List<Hit> approximate = search.search(connection, Query.of(target, K)).hits();
                List<Hit> exact = search.search(connection, Query.of(target, K).exactly()).hits();
                List<Boolean> relevant = approximate.stream().map(h -> label != null && label.equals(h.label())).toList();
                summary.add(RetrievalMetrics.precisionAt(relevant, 1), RetrievalMetrics.precisionAt(relevant, 10),
                        RetrievalMetrics.precisionAt(relevant, K),
                        RetrievalMetrics.averagePrecisionAt(relevant, K, relevantInDatabase),
                        RetrievalMetrics.recall(ids(approximate), ids(exact)));
                if (examples.size() < EXAMPLES) {
                    examples.add(new Example(picture, label, approximate));
                }
            }
        }
        return examples;
    }

    private static List<Long> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }
}
