package org.imagesearch.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.imagesearch.config.Settings;
import org.imagesearch.store.PostgresConnections;

/**
 * Every row the ingest job inserts, updates or deletes in a table, logged by a trigger with the kind and time of the
 * change: how many messages were written more than once (replayed after a fault), when writing resumed after one, and
 * what a job run did. Only writes of a message count: the sink's re-pointing of near-duplicate group members sets
 * {@code duplicate_of} alone, so the trigger watches {@code version}, which every upsert sets.
 */
public final class WriteLog {
    private final Settings.Database db;
    private final String log;

    private WriteLog(Settings.Database db) {
        this.db = db;
        this.log = db.table().name() + "_writes";
    }

    /** Adds the log to the table, which must exist already. */
    public static WriteLog install(Settings.Database db) throws SQLException {
        WriteLog writes = new WriteLog(db);
        String table = db.table().name();
        try (Connection c = PostgresConnections.open(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + writes.log + " (id bigint, op text, at timestamptz DEFAULT clock_timestamp())");
            s.execute("CREATE FUNCTION " + writes.log + "_row() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN INSERT INTO " + writes.log + " (id, op) VALUES (coalesce(NEW.id, OLD.id), TG_OP); "
                    + "RETURN NULL; END $$");
            s.execute("CREATE TRIGGER " + writes.log + " AFTER INSERT OR UPDATE OF version OR DELETE ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION " + writes.log + "_row()");
        }
        return writes;
    }

    /** Rows written (inserted or updated) so far, replays included. */
    public long count() throws SQLException {
        try (Connection c = PostgresConnections.open(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + log + " WHERE op <> 'DELETE'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The time of the first write (insert or update) after {@code instant}, if any. */
    public Optional<Instant> firstAfter(Instant instant) throws SQLException {
        try (Connection c = PostgresConnections.open(db); PreparedStatement ps = c.prepareStatement(
                "SELECT min(at) FROM " + log + " WHERE op <> 'DELETE' AND at > ?")) {
            ps.setTimestamp(1, Timestamp.from(instant));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant);
            }
        }
    }

    /** The changes after {@code instant} by kind: {@code INSERT}, {@code UPDATE}, {@code DELETE}. */
    public Map<String, Long> countsAfter(Instant instant) throws SQLException {
        Map<String, Long> counts = new TreeMap<>(Map.of("INSERT", 0L, "UPDATE", 0L, "DELETE", 0L));
        try (Connection c = PostgresConnections.open(db); PreparedStatement ps = c.prepareStatement(
                "SELECT op, count(*) FROM " + log + " WHERE at > ? GROUP BY op")) {
            ps.setTimestamp(1, Timestamp.from(instant));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }
}
