package org.imagesearch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.imagesearch.config.TableSpec;

/**
 * Stable names for vector tables: {@code image_search_aliases(alias, target, switched_at, previous)}, one row an
 * alias. The front ends search the table an alias points to ({@code query.FollowedTable}), and a name without a row
 * is the table of that name. A row rather than a view: a search through a view is planned over the view's query, so
 * the HNSW index's use for a parameterized {@code ORDER BY ... LIMIT} is left to the planner, and writes would go
 * through it too; ingest writes to a real table and the searches name the real table. Every name is validated as
 * an identifier ({@link TableSpec#requireName}); every value is a bound parameter.
 */
public final class TableAliases {
    public static final String TABLE = "image_search_aliases";

    /** What an alias points to now, what it pointed to before (null for none) and since when. */
    public record Alias(String alias, String target, String previous, Timestamp switchedAt) {}

    private TableAliases() {}

    public static void ensure(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (alias text PRIMARY KEY, target text NOT NULL, switched_at timestamptz NOT NULL, previous text)")) {
            ps.execute();
        }
    }

    /** The alias's row, or null when it has none (or no alias was ever switched: there is no alias table). */
    public static Alias find(Connection connection, String alias) throws SQLException {
        TableSpec.requireName(alias);
        if (!exists(connection, TABLE)) {
            return null;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT target, previous, switched_at FROM " + TABLE + " WHERE alias = ?")) {
            ps.setString(1, alias);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Alias(alias, TableSpec.requireName(rs.getString(1)), checked(rs.getString(2)),
                        rs.getTimestamp(3)) : null;
            }
        }
    }

    /** The table {@code alias} names now: its row's target, else the table called {@code alias}. */
    public static String target(Connection connection, String alias) throws SQLException {
        Alias row = find(connection, alias);
        return row == null ? TableSpec.requireName(alias) : row.target();
    }

    /** Points {@code alias} at {@code target}, remembering the table it named before; the target must exist. */
    public static Alias switchTo(Connection connection, String alias, String target) throws SQLException {
        TableSpec.requireName(target);
        requireTable(connection, target);
        ensure(connection);
        return Transactions.run(connection, c -> {
            lock(c, alias);
            String current = target(c, alias);
            if (current.equals(target)) {
                throw new IllegalStateException("alias " + alias + " already points to " + target);
            }
            return write(c, alias, target, current);
        });
    }

    /** Points {@code alias} back at the table it named before the last switch, which becomes the previous one. */
    public static Alias rollback(Connection connection, String alias) throws SQLException {
        ensure(connection);
        return Transactions.run(connection, c -> {
            lock(c, alias);
            Alias row = find(c, alias);
            if (row == null || row.previous() == null) {
                throw new IllegalStateException("alias " + alias + " was never switched: nothing to roll back to");
            }
            requireTable(c, row.previous());
            return write(c, alias, row.previous(), row.target());
        });
    }

    private static Alias write(Connection connection, String alias, String target, String previous)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + TABLE
                + " (alias, target, switched_at, previous) VALUES (?, ?, clock_timestamp(), ?)"
                + " ON CONFLICT (alias) DO UPDATE SET target = excluded.target, switched_at = excluded.switched_at,"
                + " previous = excluded.previous RETURNING switched_at")) {
            ps.setString(1, alias);
            ps.setString(2, target);
            ps.setString(3, previous);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Alias(alias, target, previous, rs.getTimestamp(1));
            }
        }
    }

    /** Two switches of one alias at once would each remember the same previous table: one waits for the other. */
    private static void lock(Connection connection, String alias) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, TABLE + ":" + alias);
            ps.execute();
        }
    }

    private static void requireTable(Connection connection, String table) throws SQLException {
        if (!exists(connection, table)) {
            throw new IllegalStateException("there is no table " + table + " to point an alias at");
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String checked(String name) {
        return name == null ? null : TableSpec.requireName(name);
    }
}
