package org.imagesearch.store;

import static org.imagesearch.store.RowChange.DELETED;
import static org.imagesearch.store.RowChange.INSERTED;
import static org.imagesearch.store.RowChange.NONE;
import static org.imagesearch.store.RowChange.UPDATED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * What {@link VectorTableSql#upsertOrDelete()} reports for each change on a real PostgreSQL, read as the sink reads it
 * ({@link VectorTableChanges}), in batches of one transaction: the counts of {@code indexed}, {@code updated} and
 * {@code deleted} are made of these. A replay of the same version writes the row again with the same values and is
 * reported as an update.
 */
@ExtendWith(RealServices.class)
class UpsertOutcomesIT {
    private static final DescriptorTag TAG = new DescriptorTag("squeezenet1_0-features", "gem-p3", 112, null);
    private static final double NEAR = 0.1;

    private final TestServices services;
    private Settings.Database db;
    private VectorTableSql sql;

    UpsertOutcomesIT(TestServices services) {
        this.services = services;
    }

    @BeforeEach
    void createTable() throws SQLException {
        db = services.database(TestServices.uniqueName("outcomes"));
        sql = new VectorTableSql(db.table());
        try (Connection c = PostgresConnections.open(db)) {
            new VectorTableSchema(sql).ensure(c);
        }
    }

    @Test
    void insertsUpdatesAndDeletesAreReportedAsSuchAlsoWithinOneTransaction() throws Exception {
        assertEquals(List.of(INSERTED, UPDATED, INSERTED), apply(null, upsert(1, 1, 0), upsert(1, 2, 0), upsert(2, 1, 1)));
        assertEquals(List.of(DELETED, INSERTED, DELETED), apply(null, delete(2, 2), upsert(3, 1, 2), delete(3, 1)));

        assertEquals(Map.of(1L, "v2"), labels());
    }

    @Test
    void aReplayIsAnUpdateThatChangesNothingAndAStaleChangeIsNone() throws Exception {
        apply(null, upsert(1, 2, 0), upsert(2, 1, 1), delete(2, 5));
        Map<Long, TableRows.Row> before = TableRows.read(db);

        assertEquals(List.of(UPDATED, NONE, NONE, NONE, NONE),
                apply(null, upsert(1, 2, 0), upsert(1, 1, 1), delete(2, 5), delete(9, 1), upsert(2, 4, 1)));
        Map<Long, TableRows.Row> after = TableRows.read(db);
        assertEquals(before.keySet(), after.keySet());
        assertEquals(before.get(1L).label(), after.get(1L).label());
        assertEquals(before.get(1L).vector()[0], after.get(1L).vector()[0]);

        assertEquals(List.of(INSERTED), apply(null, upsert(2, 6, 1)), "newer than the tombstone: a row again");
    }

    @Test
    void aRootJoiningAnotherGroupIsAnUpdateAndStillBringsItsMembers() throws Exception {
        assertEquals(List.of(INSERTED, INSERTED, INSERTED), apply(NEAR, upsert(10, 1, 0), upsert(11, 1, 0), upsert(20, 1, 1)));
        assertEquals(Map.of(11L, 10L), duplicateOf());

        assertEquals(List.of(UPDATED), apply(NEAR, upsert(10, 2, 1)));

        assertEquals(Map.of(10L, 20L, 11L, 20L), duplicateOf(), "the members re-pointed by the statement's CTE");
    }

    private List<RowChange> apply(Double duplicateDistance, VectorRecord... changes) throws SQLException {
        try (Connection c = PostgresConnections.open(db)) {
            return SinkWrites.apply(c, sql, duplicateDistance, List.of(changes), changes.length);
        }
    }

    /** An upsert of a unit vector along {@code axis}, class {@code v<version>}. */
    private static VectorRecord upsert(long id, long version, int axis) {
        float[] vector = new float[512];
        vector[axis] = 1;
        return new VectorRecord(id, false, version, "v" + version, vector, null, TAG, null);
    }

    private static VectorRecord delete(long id, long version) {
        return new VectorRecord(id, true, version, null, null, null, TAG, null);
    }

    private Map<Long, String> labels() throws SQLException {
        Map<Long, String> labels = new HashMap<>();
        TableRows.read(db).forEach((id, row) -> labels.put(id, row.label()));
        return labels;
    }

    private Map<Long, Long> duplicateOf() throws SQLException {
        Map<Long, Long> marked = new HashMap<>();
        try (Connection c = PostgresConnections.open(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, duplicate_of FROM " + db.table().name()
                     + " WHERE duplicate_of IS NOT NULL")) {
            while (rs.next()) {
                marked.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return marked;
    }
}
