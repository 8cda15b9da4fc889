package org.imagesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.imagesearch.config.CommandLines;
import org.imagesearch.config.Settings;
import org.imagesearch.reference.ReferenceSql;
import org.imagesearch.report.ContactSheet;
import org.imagesearch.store.PgArrays;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk-through command end to end on real services: 60 CIFAR-10 test images through an embedded Kafka
 * broker, the Flink ingest job on a MiniCluster and the real model into {@code reference.image_search},
 * then the reference's query, its printed table, its JSON line and its grid.
 */
@ExtendWith(RealServices.class)
class WalkthroughIT {
    private static final int IMAGES = 60;
    private static final ReferenceSql SQL = new ReferenceSql(1000);

    @Test
    void indexesThroughThePipelineIntoTheReferenceSchemaAndAnswersTheReferenceQuery(TestServices services,
            @TempDir Path dir) throws Exception {
        Settings.Database db = services.database("walkthrough_unused");
        Path grid = dir.resolve("grid.png");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        WalkthroughCommand command = new WalkthroughCommand(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit = CommandLines.of(command, System.getenv()).execute(
                "--dataset", Settings.defaultDataset().resolveSibling("test.bin").toString(), "--limit", "" + IMAGES,
                "--grid", grid.toString(), "--json", "--jdbc-url", db.jdbcUrl(), "--db-user", db.user(),
                "--db-password", db.password(), "--parallelism", "2", "--checkpoint-interval-ms", "1000");
        assertEquals(0, exit);
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();

        // the one JSON line, last
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals(0, json.get("query_id").asLong(), "fewer than 5,000 images: the query is image 0");
        assertEquals(IMAGES, json.get("images_indexed").asInt());
        assertEquals(0, json.get("dead_lettered").asInt());
        assertEquals(grid.toAbsolutePath().toString(), json.get("grid").asText());
        assertTrue(json.get("seconds").asDouble() > 0);
        JsonNode results = json.get("results");
        assertEquals(ReferenceSql.NEIGHBOURS, results.size());

        // the printed table: a header, then ranks 1..20
        String header = "Query image 0 (class " + json.get("query_class").asText() + "): 20 nearest neighbours by L2 distance";
        assertTrue(lines.contains(header), String.join("\n", lines));
        for (int rank = 1; rank <= ReferenceSql.NEIGHBOURS; rank++) {
            String prefix = String.format("%5d  %8d  ", rank, results.get(rank - 1).get("id").asLong());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix)), "rank " + rank);
        }

        try (Connection c = PostgresConnections.open(db)) {
            assertEquals(List.of("id integer", "class text", "image_vector real[]"), columns(c));
            assertEquals("CREATE INDEX " + ReferenceSql.INDEX + " ON reference.image_search USING hnsw "
                    + "(((image_vector)::vector(1000)) vector_l2_ops)", indexDefinition(c));

            Map<Long, float[]> stored = storedVectors(c);
            assertEquals(IMAGES, stored.size());
            for (long id = 0; id < IMAGES; id++) {
                assertEquals(1000, stored.get(id).length, "row " + id);
            }

            // first the query itself at distance 0, then ascending distances equal to l2 of the stored arrays
            float[] query = stored.get(0L);
            assertEquals(0, results.get(0).get("id").asLong());
            assertEquals(0.0, results.get(0).get("distance").asDouble(), 1e-6);
            List<Long> exact = new ArrayList<>(stored.keySet());
            exact.sort(Comparator.comparingDouble(id -> l2(query, stored.get(id))));
            for (int i = 0; i < results.size(); i++) {
                long id = results.get(i).get("id").asLong();
                double distance = results.get(i).get("distance").asDouble();
                assertEquals(l2(query, stored.get(id)), distance, 1e-4 * Math.max(1, distance), "hit " + i);
                if (i > 0) {
                    assertTrue(distance >= results.get(i - 1).get("distance").asDouble(), "ascending at " + i);
                }
                assertEquals(exact.get(i), id, "60 rows: the index walk finds the exact neighbours");
            }

            // the query goes through the HNSW cast-expression index
            String plan = explain(c, query);
            assertTrue(plan.contains("Index Scan using " + ReferenceSql.INDEX), plan);
        }

        // the grid: the query on top, then 4 rows of 5 answers
        BufferedImage sheet = ImageIO.read(grid.toFile());
        assertEquals(ContactSheet.width(20), sheet.getWidth());
        assertEquals(ContactSheet.height(20), sheet.getHeight());
        assertTrue(Files.size(grid) > 10_000, "21 pictures drawn: " + Files.size(grid) + " bytes");
    }

    private static List<String> columns(Connection c) throws Exception {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'reference.image_search'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                columns.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return columns;
    }

    private static String indexDefinition(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(SQL.indexDefinition())) {
            ps.setString(1, ReferenceSql.SCHEMA);
            ps.setString(2, ReferenceSql.INDEX);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the index exists");
                return rs.getString(1);
            }
        }
    }

    private static Map<Long, float[]> storedVectors(Connection c) throws Exception {
        Map<Long, float[]> vectors = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, image_vector FROM reference.image_search");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                vectors.put(rs.getLong(1), PgArrays.floats(rs.getArray(2)));
            }
        }
        return vectors;
    }

    /** The plan of the reference's query, under the same per-transaction setting the walk-through uses. */
    private static String explain(Connection c, float[] query) throws Exception {
        c.setAutoCommit(false);
        try {
            try (PreparedStatement ps = c.prepareStatement(SQL.forceIndexScan())) {
                ps.execute();
            }
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + SQL.neighbours())) {
                ps.setObject(1, new PGvector(query));
                ps.setObject(2, new PGvector(query));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            return plan.toString();
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static double l2(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
