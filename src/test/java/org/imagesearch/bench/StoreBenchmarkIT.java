package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import org.imagesearch.config.Settings;
import org.imagesearch.config.VectorType;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.store.ImageTable;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code bench store --rows 3000} for each storage type: real CIFAR-10 embeddings by the real model, the JDBC sink on
 * a MiniCluster at parallelism 2, COPY and CREATE INDEX, searches against exact scans, on the test PostgreSQL.
 * Measured, never asserted on speed.
 */
@ExtendWith(RealServices.class)
class StoreBenchmarkIT {
    private static final int ROWS = 3000;

    @ParameterizedTest
    @EnumSource(VectorType.class)
    void fillsBulkLoadsAndSearchesATableOfSyntheticVectors(VectorType type, TestServices services) throws Exception {
        Settings.Database db = services.database(TestServices.uniqueName("store"));
        db = db.withTable(db.table().withVectorType(type));
        Settings settings = TestSettings.parse().withDatabase(db)
                .withJob(new Settings.Job(2, null, 100, Duration.ofMillis(100)));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        JsonNode json;
        try (Dataset cifar = Dataset.open(Settings.defaultDataset(), Dataset.DEFAULT_SEED, true)) {
            json = new StoreBenchmark(settings, cifar, new StoreBenchRun(ROWS, ROWS, 20, 40, 0.5, 1, "256MB"),
                    new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        }

        assertEquals(type.sqlName(), json.get("vector_type").asText(), json.toString());
        assertEquals(ROWS, json.get("rows").asLong());
        assertEquals(40, json.get("vectors").get("base_images").asInt());
        JsonNode fill = json.get("sink_fill");
        assertEquals(2, fill.get("parallelism").asInt());
        assertEquals(10, fill.get("slices").size(), "a tenth of the rows each");
        assertEquals(ROWS, fill.get("slices").get(9).get("to_rows").asLong());
        fill.get("slices").forEach(s -> assertTrue(s.get("rows_per_s").asDouble() > 0, json.toString()));
        assertTrue(fill.get("size").get("hnsw_bytes").asLong() > 0, json.toString());
        JsonNode bulk = json.get("bulk_load");
        assertTrue(bulk.get("create_index_seconds").asDouble() >= 0 && bulk.get("graph_fit_in_memory").asBoolean(),
                json.toString());
        assertTrue(bulk.get("size").get("hnsw_bytes").asLong() > 0, json.toString());
        JsonNode levels = json.get("queries").get("levels");
        assertEquals(3, levels.size());
        double recall = levels.get(2).get("recall_at_20").asDouble();
        assertTrue(recall > 0.9, "ef_search 200 on 3000 rows walks nearly exactly: " + json);
        assertTrue(json.get("machine").get("cores").asInt() > 0);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("rows 2,700-3,000:"), log.toString());

        try (Connection c = PostgresConnections.open(db)) {
            assertEquals(ROWS, new ImageTable(db.table()).countRows(c), "the filled table stays for searches");
            assertFalse(c.getMetaData().getTables(null, null, db.table().name() + "_bulk", null).next(),
                    "the bulk-loaded copy is dropped");
        }
    }

}
