package org.imagesearch.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.json.Json;
import org.imagesearch.query.ImageSearch;
import org.imagesearch.query.Query;
import org.imagesearch.query.QueryImageEmbedder;
import org.imagesearch.query.QueryTarget;
import org.imagesearch.report.MachineInfo;
import org.imagesearch.serve.AccessLog;
import org.imagesearch.serve.SearchServer;
import org.imagesearch.store.ImageTable;
import org.imagesearch.store.PostgresConnections;

/**
 * {@code bench query}: latency and throughput of by-id and by-image searches over HTTP at 1, 4 and 16
 * concurrent clients against the search service in this JVM, and ANN recall@20 against exact search
 * for a sample of stored images at several ef_search values. Needs a table already holding the images
 * (ids 0..N-1 of the data set, as {@code demo --limit N} indexes them).
 */
public final class QueryBenchmark {
    private static final int[] CLIENTS = {1, 4, 16};
    private static final int[] EF_SEARCH = {40, 100, 200};
    private static final int K = 20;

    private final Settings settings;
    private final Dataset dataset;
    private final int limit;
    private final int recallQueries;
    private final int requests;

    public QueryBenchmark(Settings settings, Dataset dataset, int limit, int recallQueries, int requests) {
        this.settings = settings;
        this.dataset = dataset;
        this.limit = limit;
        this.recallQueries = recallQueries;
        this.requests = requests;
    }

    public ObjectNode run() throws Exception {
        ObjectNode result = Json.object();
        ImageSearch search = ImageSearch.of(settings, QueryImageEmbedder.NONE);
        long rows;
        try (Connection connection = PostgresConnections.open(settings.database())) {
            rows = new ImageTable(settings.database().table()).countRows(connection);
            if (rows < limit) {
                throw new IllegalStateException("the table holds " + rows + " images, fewer than --limit " + limit
                        + ": index them first, e.g. bin/image-search demo --limit " + limit);
            }
            result.put("benchmark", "query");
            result.put("indexed_images", rows);
            result.put("k", K);
            result.put("ef_search_default", settings.search().efSearch());
            result.set("recall_at_20", recall(connection, search));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        // Every benchmark client comes from 127.0.0.1: lift the per-address limit for this service only.
        Settings unlimited = settings.withService(settings.service().withRequestsPerMinute(Integer.MAX_VALUE));
        // Its thousands of requests would each write an access line to stderr, the console bin/image-search logs to.
        Configurator.setLevel(AccessLog.LOGGER, Level.WARN);
        try (SearchServer service = SearchServer.start(unlimited, cores, 0)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + service.port();
            Random random = new Random(11);
            long[] ids = random.longs(requests * 4L, 0, limit).toArray();
            HttpLoad.run(http, 2, 40, i -> byId(base, ids[i])); // warm-up: JIT, connection pool, index pages
            HttpLoad.run(http, 2, 10, i -> byImage(base, ids[i]));
            ArrayNode byId = result.putArray("by_id");
            ArrayNode byImage = result.putArray("by_image");
            for (int clients : CLIENTS) {
                byId.add(json(HttpLoad.run(http, clients, requests, i -> byId(base, ids[i]))));
                byImage.add(json(HttpLoad.run(http, clients, Math.max(clients * 4, requests / 4),
                        i -> byImage(base, ids[i]))));
            }
        }
        result.put("limit", limit);
        result.put("dataset", dataset.describe());
        result.set("machine", MachineInfo.describe());
        return result;
    }

    /** Mean recall@20 of the HNSW walk against an exact scan, for the same sample at each ef_search. */
    private ObjectNode recall(Connection connection, ImageSearch search) throws Exception {
        long[] sample = new Random(7).longs(recallQueries, 0, limit).toArray();
        ObjectNode recall = Json.object();
        List<Set<Long>> exact = new java.util.ArrayList<>();
        for (long id : sample) {
            exact.add(Recall.ids(search.search(connection, Query.of(new QueryTarget.ById(id), K).exactly()).hits()));
        }
        for (int ef : EF_SEARCH) {
            double sum = 0;
            double[] latencies = new double[sample.length];
            for (int i = 0; i < sample.length; i++) {
                var answer = search.search(connection, Query.of(new QueryTarget.ById(sample[i]), K).withEfSearch(ef));
                latencies[i] = answer.tookMs();
                sum += Recall.of(answer.hits(), exact.get(i));
            }
            ObjectNode level = recall.putObject("ef_search_" + ef);
            level.put("recall", Json.rounded(sum / sample.length, 3));
            level.put("sql_p50_ms", Json.rounded(new Percentiles(latencies).at(50), 2));
        }
        recall.put("queries", sample.length);
        return recall;
    }

    private static HttpRequest byId(String base, long id) {
        return HttpRequest.newBuilder(URI.create(base + "/api/search?k=" + K + "&id=" + id)).build();
    }

    private HttpRequest byImage(String base, long id) {
        try {
            byte[] image = dataset.get((int) id).bytes();
            String boundary = "image-search-bench";
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\n" + K + "\r\n--"
                    + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"q.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(image);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return HttpRequest.newBuilder(URI.create(base + "/api/search"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode json(HttpLoad.Result r) {
        ObjectNode node = Json.object();
        node.put("clients", r.clients());
        node.put("requests", r.requests());
        node.put("p50_ms", Json.rounded(r.latencyMs().at(50), 2));
        node.put("p95_ms", Json.rounded(r.latencyMs().at(95), 2));
        node.put("p99_ms", Json.rounded(r.latencyMs().at(99), 2));
        node.put("per_s", Json.rounded(r.perSecond(), 2));
        node.put("failures", r.failures());
        return node;
    }
}
