package org.imagesearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.SinkWrites;
import org.imagesearch.testing.TableRows;
import org.imagesearch.testing.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link VectorTableSql#upsertOrDelete()} on a real PostgreSQL, in batches as the sink writes them:
 * of the changes of an id the table keeps the one of the highest version, in whatever order they come.
 */
@ExtendWith(RealServices.class)
class LastWriterWinsIT {
    private static final DescriptorTag TAG = new DescriptorTag("squeezenet1_0-features", "gem-p3", 112, null);

    private final TestServices services;
    private Settings.Database db;
    private VectorTableSql sql;

    LastWriterWinsIT(TestServices services) {
        this.services = services;
    }

    @BeforeEach
    void createTable() throws SQLException {
        db = services.database(TestServices.uniqueName("lww"));
        sql = new VectorTableSql(db.table());
        try (Connection c = PostgresConnections.open(db)) {
            new VectorTableSchema(sql).ensure(c);
        }
    }

    @Test
    void anOlderUpsertAfterADeleteDoesNotBringTheRowBack() throws Exception {
        apply(delete(1, 2), upsert(1, 1));

        assertEquals(Map.of(), rows());
        assertEquals(Map.of(1L, 2L), tombstones());
    }

    @Test
    void upsertsOutOfOrderLeaveTheNewest() throws Exception {
        apply(upsert(1, 1), upsert(1, 3), upsert(1, 2));

        assertEquals(Map.of(1L, "v3@3"), rows());
        assertEquals(3f, TableRows.read(db).get(1L).vector()[0], "the newest upsert's vector");
    }

    @Test
    void aNewerUpsertAfterADeleteIndexesTheRowAgainAndLiftsTheTombstone() throws Exception {
        apply(delete(1, 5), upsert(1, 6));

        assertEquals(Map.of(1L, "v6@6"), rows());
        assertEquals(Map.of(), tombstones());
    }

    @Test
    void anOlderDeleteLeavesANewerRowAndNoTombstone() throws Exception {
        apply(upsert(1, 9), delete(1, 8));

        assertEquals(Map.of(1L, "v9@9"), rows());
        assertEquals(Map.of(), tombstones());
    }

    @Test
    void atEqualVersionsADeleteWinsAndOfTwoUpsertsTheLaterOne() throws Exception {
        apply(upsert(1, 7), delete(1, 7), delete(2, 7), upsert(2, 7),
                upsert(3, 7, "first"), upsert(3, 7, "second"));

        assertEquals(Map.of(3L, "second@7"), rows());
        assertEquals(Map.of(1L, 7L, 2L, 7L), tombstones());
    }

    @Test
    void replayingABatchChangesNothing() throws Exception {
        VectorRecord[] batch = {upsert(1, 1), delete(1, 2), upsert(2, 4), upsert(2, 3), delete(3, 5), upsert(3, 6),
                upsert(4, 8), delete(4, 8), delete(5, 1)};
        apply(batch);
        Map<Long, String> rows = rows();
        Map<Long, Long> tombstones = tombstones();

        apply(batch);

        assertEquals(Map.of(2L, "v4@4", 3L, "v6@6"), rows);
        assertEquals(Map.of(1L, 2L, 4L, 8L, 5L, 1L), tombstones);
        assertEquals(rows, rows());
        assertEquals(tombstones, tombstones());
    }

    @Test
    void everyOrderOfTheSameChangesEndsTheSame() throws Exception {
        List<VectorRecord> changes = new ArrayList<>(List.of(upsert(1, 1), upsert(1, 3), delete(1, 2),
                delete(2, 4), upsert(2, 3), upsert(2, 5), upsert(3, 2), delete(3, 2), delete(4, 1)));
        Random random = new Random(11);
        for (int order = 0; order < 20; order++) {
            Collections.shuffle(changes, random);
            emptyTable();

            apply(changes.toArray(VectorRecord[]::new));

            assertEquals(Map.of(1L, "v3@3", 2L, "v5@5"), rows(), () -> "in the order " + changes.stream()
                    .map(c -> (c.delete() ? "delete " : "upsert ") + c.id() + "@" + c.version()).toList());
        }
    }

    @Test
    void rowsOfATableMadeBeforeVersionsAreAtVersionZero() throws Exception {
        String table = db.table().name();
        String ones = "array_fill(1, ARRAY[" + db.table().dimension() + "])::vector";
        try (Connection c = PostgresConnections.open(db); Statement statement = c.createStatement()) {
            statement.execute(sql.dropTable());
            statement.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, class text, image_vector vector("
                    + db.table().dimension() + ") NOT NULL, metadata jsonb, model text, "
                    + "updated_at timestamptz NOT NULL DEFAULT now())");
            statement.execute("INSERT INTO " + table + " (id, class, image_vector) VALUES (1, 'old', " + ones + "), "
                    + "(2, 'old', " + ones + ")");
            new VectorTableSchema(sql).ensure(c);
        }
        assertEquals(Map.of(1L, "old@0", 2L, "old@0"), rows());

        apply(upsert(1, 0), delete(2, 0));

        assertEquals(Map.of(1L, "v0@0"), rows());
    }

    @Test
    void emptyingTheTableForgetsItsTombstones() throws Exception {
        apply(delete(1, 5));
        try (Connection c = PostgresConnections.open(db)) {
            new VectorTableSchema(sql).prepare(c, TAG, true);
        }

        apply(upsert(1, 1));

        assertEquals(Map.of(1L, "v1@1"), rows());
    }

    private static VectorRecord upsert(long id, long version) {
        return upsert(id, version, "v" + version);
    }

    /** An upsert whose vector starts with its version, so a row shows which upsert it holds. */
    private static VectorRecord upsert(long id, long version, String label) {
        float[] vector = new float[512];
        vector[0] = version;
        vector[1] = 1;
        return new VectorRecord(id, false, version, label, vector, null, TAG, null);
    }

    private static VectorRecord delete(long id, long version) {
        return new VectorRecord(id, true, version, null, null, null, TAG, null);
    }

    /** Writes the changes as one batch, the way the sink does. */
    private void apply(VectorRecord... changes) throws SQLException {
        try (Connection c = PostgresConnections.open(db)) {
            SinkWrites.apply(c, sql, db.duplicateDistance(), List.of(changes), changes.length);
        }
    }

    private void emptyTable() throws SQLException {
        try (Connection c = PostgresConnections.open(db); Statement statement = c.createStatement()) {
            statement.execute(sql.truncate());
        }
    }

    /** Each row as {@code class@version}. */
    private Map<Long, String> rows() throws SQLException {
        return byId("SELECT id, class || '@' || version FROM " + db.table().name(), String.class);
    }

    private Map<Long, Long> tombstones() throws SQLException {
        return byId("SELECT id, version FROM " + db.table().tombstoneTableName(), Long.class);
    }

    /** The second column of {@code select} by the first, the id. */
    private <T> Map<Long, T> byId(String select, Class<T> type) throws SQLException {
        Map<Long, T> values = new TreeMap<>();
        try (Connection c = PostgresConnections.open(db);
             PreparedStatement ps = c.prepareStatement(select);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.put(rs.getLong(1), rs.getObject(2, type));
            }
        }
        return values;
    }
}
