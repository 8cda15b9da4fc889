package org.imagesearch.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.imagesearch.config.Settings;
import org.imagesearch.config.TableSpec;
import org.imagesearch.embed.DistanceMetric;
import org.imagesearch.store.PgArrays;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.VectorRecord;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reference table on a real PostgreSQL + pgvector: idempotent creation, emptying, the sink's statement. */
@ExtendWith(RealServices.class)
class ReferenceTableIT {
    private static final ReferenceSql SQL = new ReferenceSql(ReferenceModel.DIMENSION);

    @Test
    void preparesIdempotentlyEmptiesAndUpsertsAndDeletesRealArrays(TestServices services) throws Exception {
        Settings settings = ReferenceModel.applyTo(TestSettings.parse()
                .withDatabase(services.database("reference_unused")));
        ReferenceTable table = new ReferenceTable(settings);
        table.prepare();
        try (Connection c = PostgresConnections.open(settings.database())) {
            write(c, new VectorRecord(1, false, 0, "cat", vector(1), null, null, null),
                    new VectorRecord(2, false, 0, "dog", vector(2), null, null, null));
            assertEquals(2, table.rowsWritten());

            table.prepare(); // again: nothing fails, and the run starts from an empty table
            assertEquals(0, table.rowsWritten());

            write(c, new VectorRecord(1, false, 0, "cat", vector(1), null, null, null),
                    new VectorRecord(2, false, 0, "dog", vector(2), null, null, null),
                    new VectorRecord(1, false, 0, "lynx", vector(3), null, null, null),
                    new VectorRecord(2, true, 0, null, null, null, null, null),
                    new VectorRecord(99, true, 0, null, null, null, null, null));
            Map<Long, String> classes = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(SQL.imageOf())) {
                ps.setLong(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    classes.put(1L, rs.getString(1));
                    assertArrayEquals(vector(3), PgArrays.floats(rs.getArray(2)));
                }
            }
            assertEquals(Map.of(1L, "lynx"), classes, "the later upsert of id 1 replaced the first");
            assertEquals(1, table.rowsWritten(), "id 2 was deleted, id 99 never existed");
        }
    }

    @Test
    void refusesAnIndexLeftForAnotherDimension(TestServices services) throws Exception {
        Settings.Database db = services.database("reference_unused");
        new ReferenceTable(ReferenceModel.applyTo(TestSettings.parse().withDatabase(db))).prepare();
        Settings other = TestSettings.parse().withDatabase(new Settings.Database(db.jdbcUrl(), db.user(),
                db.password(), new TableSpec("image_search", 512, DistanceMetric.L2, 16, 64), null));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ReferenceTable(other).prepare());
        assertTrue(e.getMessage().contains("((image_vector)::vector(512))"), e.getMessage());
    }

    /** Writes the records in one batch with the sink's own statement and binder. */
    private static void write(Connection c, VectorRecord... records) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(SQL.upsertOrDelete())) {
            for (VectorRecord record : records) {
                new ReferenceRecordStatementBuilder().accept(ps, record);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static float[] vector(int seed) {
        float[] v = new float[ReferenceModel.DIMENSION];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(seed * 31 + i) * 10;
        }
        return v;
    }
}
