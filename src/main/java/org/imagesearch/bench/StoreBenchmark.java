package org.imagesearch.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.imagesearch.config.Settings;
import org.imagesearch.config.TableSpec;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.embed.DistanceMetric;
import org.imagesearch.json.Json;
import org.imagesearch.query.ImageSearch;
import org.imagesearch.query.QueryImageEmbedder;
import org.imagesearch.report.MachineInfo;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.VectorTableSql;

/**
 * {@code bench store}: the vector table at scale, by simulation. Real embeddings of a few hundred images plus seeded
 * noise ({@link NoisyEmbeddings}) become N rows: first through the ingest job's sink with the HNSW index live, the
 * rate per slice as the table grows ({@link SinkFill}); then by COPY into a table without index and one
 * {@code CREATE INDEX} ({@link BulkLoad}); then searches against the filled table (the bulk-loaded one when the sink
 * wrote fewer rows), latency and recall@20 against
 * exact scans ({@link StoreQueries}); with the tables' and indexes' sizes, as one JSON object.
 */
public final class StoreBenchmark {
    private final Settings settings;
    private final Dataset dataset;
    private final StoreBenchRun run;
    private final PrintStream log;

    public StoreBenchmark(Settings settings, Dataset dataset, StoreBenchRun run, PrintStream log) {
        this.settings = settings;
        this.dataset = dataset;
        this.run = run;
        this.log = log;
    }

    public ObjectNode run() throws Exception {
        TableSpec table = settings.database().table();
        log.printf("bench store: embedding %d images of %s%n", run.baseImages(), dataset.describe());
        RealEmbeddings real = RealEmbeddings.of(settings.modelSpec(), settings.loader().maxPixels(), dataset,
                run.baseImages());
        NoisyEmbeddings embeddings = new NoisyEmbeddings(real.vectors(), real.labels(), run.noise(), run.seed(),
                table.distance() == DistanceMetric.COSINE);
        VectorTableSql sql = new VectorTableSql(table);
        try (Connection connection = PostgresConnections.open(settings.database());
             PreparedStatement drop = connection.prepareStatement(sql.dropTable())) {
            drop.execute(); // a fresh table: the sink's writers create it, index included, as ingestion's do
        }

        SinkFill.Result fill = null;
        if (run.sinkRows() > 0) {
            log.printf("bench store: phase 1, %,d rows through the JDBC sink into %s (%s, HNSW index live)%n",
                    run.sinkRows(), table.name(), table.columnType());
            fill = new SinkFill(settings, new SyntheticRecords(embeddings, real.thumbnails(), settings.model().tag()),
                    log).run(run.sinkRows());
            fill.slices().forEach(s -> log.printf("bench store: rows %,d-%,d: %,.0f rows/s%n", s.fromRows(),
                    s.toRows(), s.rowsPerSecond()));
        }

        boolean searchBulk = run.sinkRows() < run.rows();
        log.printf("bench store: phase 2, COPY of %,d rows into a table without index, then CREATE INDEX%n", run.rows());
        BulkLoad.Result bulk = new BulkLoad(settings.database(), embeddings, real.thumbnails(), settings.model().tag(),
                run.maintenanceWorkMem()).run(run.rows(), searchBulk);
        log.printf("bench store: COPY %.1f s, CREATE INDEX %.1f s%n", bulk.copySeconds(), bulk.indexSeconds());

        TableSpec searched = searchBulk ? table.withName(bulk.table()) : table;
        log.printf("bench store: phase 3, %d searches by vector in %s, exact and at ef_search %s%n", run.queries(),
                searched.name(), java.util.Arrays.toString(StoreQueries.EF_SEARCH));
        TableSize size = null;
        StoreQueries.Result queries;
        try (Connection connection = PostgresConnections.open(settings.database())) {
            if (fill != null) {
                size = TableSize.of(connection, sql);
            }
            queries = new StoreQueries(ImageSearch.of(settings.withTable(searched), QueryImageEmbedder.NONE), embeddings)
                    .run(connection, run.rows(), run.queries());
        }
        return json(table, real, fill, bulk, size, searched, queries);
    }

    private ObjectNode json(TableSpec table, RealEmbeddings real, SinkFill.Result fill, BulkLoad.Result bulk,
                            TableSize size, TableSpec searched, StoreQueries.Result queries) {
        ObjectNode result = Json.object();
        result.put("benchmark", "store");
        result.put("rows", run.rows());
        result.put("table", table.name());
        result.put("vector_type", table.vectorType().sqlName());
        result.put("dimension", table.dimension());
        result.put("distance", table.distance().name().toLowerCase());
        result.put("hnsw_m", table.hnswM());
        result.put("hnsw_ef_construction", table.hnswEfConstruction());
        ObjectNode vectors = result.putObject("vectors");
        vectors.put("base_images", real.size());
        vectors.put("noise", run.noise());
        vectors.put("seed", run.seed());
        vectors.put("thumbnail_bytes_mean", Math.round(real.meanThumbnailBytes()));
        vectors.put("dataset", dataset.describe());

        if (fill != null) {
            ObjectNode sink = result.putObject("sink_fill");
            sink.put("rows", run.sinkRows());
            sink.put("parallelism", fill.parallelism());
            sink.put("sink_batch_size", settings.job().sinkBatchSize());
            sink.put("seconds", Json.rounded(fill.seconds(), 1));
            sink.put("rows_per_s", Json.rounded(fill.rowsPerSecond(), 1));
            ArrayNode slices = sink.putArray("slices");
            fill.slices().forEach(s -> slices.addObject().put("to_rows", s.toRows())
                    .put("rows_per_s", Json.rounded(s.rowsPerSecond(), 1)));
            sink.set("size", json(size, run.sinkRows()));
        }

        ObjectNode copy = result.putObject("bulk_load");
        copy.put("copy_seconds", Json.rounded(bulk.copySeconds(), 1));
        copy.put("copy_rows_per_s", Json.rounded(run.rows() / bulk.copySeconds(), 1));
        copy.put("create_index_seconds", Json.rounded(bulk.indexSeconds(), 1));
        copy.put("maintenance_work_mem", bulk.maintenanceWorkMem());
        copy.put("max_parallel_maintenance_workers", bulk.parallelWorkers());
        copy.put("graph_fit_in_memory", bulk.graphFitInMemory());
        copy.set("size", json(bulk.size(), run.rows()));

        ObjectNode search = result.putObject("queries");
        search.put("table", searched.name());
        search.put("queries", queries.queries());
        search.put("k", StoreQueries.K);
        search.put("exact_p50_ms", Json.rounded(queries.exactP50Ms(), 2));
        ArrayNode levels = search.putArray("levels");
        queries.levels().forEach(l -> levels.addObject().put("ef_search", l.efSearch())
                .put("recall_at_20", Json.rounded(l.recall(), 4))
                .put("p50_ms", Json.rounded(l.p50Ms(), 2)).put("p99_ms", Json.rounded(l.p99Ms(), 2)));
        result.set("machine", MachineInfo.describe());
        return result;
    }

    private static ObjectNode json(TableSize size, long rows) {
        ObjectNode node = Json.object();
        node.put("table_bytes", size.tableBytes());
        node.put("index_bytes", size.indexBytes());
        node.put("hnsw_bytes", size.hnswBytes());
        node.put("bytes_per_row", Math.round((size.tableBytes() + size.indexBytes()) / (double) rows));
        return node;
    }
}
