package org.imagesearch.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imagesearch.config.TableSpec;

/**
 * The near-duplicate groups of the vector table: listed, looked up for one image, and found anew for a table filled
 * before ingest marked them ({@link #rebuild}).
 */
public final class DuplicateGroups {
    private final VectorTableSql sql;

    public DuplicateGroups(TableSpec table) {
        this.sql = new VectorTableSql(table);
    }

    /** Groups of at least {@code minGroup} images, largest first, at most {@code limit}. */
    public List<DuplicateGroup> list(Connection connection, int minGroup, int limit) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.duplicateGroups())) {
            ps.setInt(1, minGroup);
            ps.setInt(2, limit);
            return read(ps);
        }
    }

    /** The group {@code id} belongs to, or null when it has no near-duplicate (or does not exist). */
    public DuplicateGroup of(Connection connection, long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.duplicateGroupOf())) {
            ps.setLong(1, id);
            List<DuplicateGroup> groups = read(ps);
            return groups.isEmpty() ? null : groups.get(0);
        }
    }

    /**
     * The batch kNN self-join: every image is linked to its nearest other image within {@code distance}, the linked
     * images form groups, and each group's root is its earliest written image, as ingest would have made them.
     * Replaces every stored {@code duplicate_of}, in one transaction under the lock ingest judges duplicates under.
     */
    public void rebuild(Connection connection, double distance) throws SQLException {
        Transactions.run(connection, c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT " + sql.duplicatesLock())) {
                lock.execute();
            }
            Map<Long, Long> parent = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql.nearestWithin())) {
                ps.setDouble(1, distance);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        union(parent, rs.getLong(1), rs.getLong(2));
                    }
                }
            }
            Map<Long, Long> rootOfComponent = new HashMap<>();
            List<long[]> assignments = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.idsInWriteOrder()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (!parent.containsKey(id)) {
                        continue;
                    }
                    Long root = rootOfComponent.putIfAbsent(find(parent, id), id);
                    if (root != null) {
                        assignments.add(new long[] {root, id});
                    }
                }
            }
            try (PreparedStatement clear = c.prepareStatement(sql.clearDuplicates())) {
                clear.executeUpdate();
            }
            try (PreparedStatement set = c.prepareStatement(sql.setDuplicateOf())) {
                for (long[] assignment : assignments) {
                    set.setLong(1, assignment[0]);
                    set.setLong(2, assignment[1]);
                    set.addBatch();
                }
                set.executeBatch();
            }
            return null;
        });
    }

    private static void union(Map<Long, Long> parent, long a, long b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        long rootA = find(parent, a);
        long rootB = find(parent, b);
        if (rootA != rootB) {
            parent.put(rootA, rootB);
        }
    }

    private static long find(Map<Long, Long> parent, long id) {
        long root = id;
        while (parent.get(root) != root) {
            root = parent.get(root);
        }
        parent.put(id, root);
        return root;
    }

    private static List<DuplicateGroup> read(PreparedStatement ps) throws SQLException {
        List<DuplicateGroup> groups = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Array members = rs.getArray(2);
                groups.add(new DuplicateGroup(rs.getLong(1), Arrays.asList((Long[]) members.getArray())));
            }
        }
        return groups;
    }
}
