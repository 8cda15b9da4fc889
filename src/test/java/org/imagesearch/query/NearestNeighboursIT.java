package org.imagesearch.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Random;
import org.imagesearch.config.Settings;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.VectorRecord;
import org.imagesearch.store.VectorRecordStatementBuilder;
import org.imagesearch.store.VectorTableSchema;
import org.imagesearch.store.VectorTableSql;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Top-k by id on a real pgvector table written through the job's own upsert statement. */
@ExtendWith(RealServices.class)
class NearestNeighboursIT {
    private final TestServices services;

    NearestNeighboursIT(TestServices services) {
        this.services = services;
    }

    @Test
    void returnsTheKClosestOtherRowsInOrderWithPgvectorsL2Distance() throws Exception {
        Settings.Database db = services.database(TestServices.uniqueName("knn"));
        VectorTableSql sql = new VectorTableSql(db.table());
        NearestNeighbours search = new NearestNeighbours(sql);
        try (Connection c = PostgresConnections.open(db)) {
            new VectorTableSchema(sql).ensure(c);
            Random random = new Random(3);
            try (PreparedStatement ps = c.prepareStatement(sql.upsertOrDelete())) {
                for (long id = 0; id < 200; id++) {
                    float[] v = new float[1000];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = random.nextFloat();
                    }
                    new VectorRecordStatementBuilder().accept(ps, new VectorRecord(id, false, "c" + (id % 3), v, null, "m", null));
                    ps.addBatch();
                }
                ps.executeBatch();
            }

            // 200 random rows: an ef_search that covers them all makes the index walk exact, so the
            // answer can be compared with a sequential scan rank by rank.
            try (PreparedStatement set = c.prepareStatement("SET hnsw.ef_search = 200")) {
                set.execute();
            }
            List<Neighbour> answer = search.byId(c, 7, 20).orElseThrow();
            assertEquals(20, answer.size());
            assertFalse(answer.stream().anyMatch(n -> n.id() == 7), "the query row is left out");
            for (int i = 1; i < answer.size(); i++) {
                assertTrue(answer.get(i - 1).distance() <= answer.get(i).distance(), "ascending distance");
            }
            try (PreparedStatement exact = c.prepareStatement("SELECT id, l2_distance(image_vector, "
                    + "(SELECT image_vector FROM " + db.table().name() + " WHERE id = 7)) FROM " + db.table().name()
                    + " WHERE id <> 7 ORDER BY 2 LIMIT 20");
                 ResultSet rs = exact.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    assertEquals(rs.getLong(1), answer.get(i).id(), "same order as exact l2_distance at rank " + i);
                    assertEquals(rs.getDouble(2), answer.get(i).distance(), 1e-4);
                }
            }
            assertEquals("c1", search.labelOf(c, 7).orElseThrow());
            assertTrue(search.byId(c, 12345, 5).isEmpty(), "unknown id");
            assertThrows(IllegalArgumentException.class, () -> search.byId(c, 7, 0));
            assertThrows(IllegalArgumentException.class, () -> search.byId(c, 7, NearestNeighbours.MAX_K + 1));
        }
    }
}
