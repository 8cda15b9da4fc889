package org.imagesearch.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a change of the schema with the pgvector extension in place, one session at a time. The tasks of a job
 * create their tables when they open, all at the same moment (the sink's vector table, the watch operator's
 * watchlist), and concurrent {@code CREATE ... IF NOT EXISTS} of one object can fail on PostgreSQL's catalog; a
 * table with a {@code vector} column also needs the extension first, whichever task opens first.
 */
public final class SchemaChanges {
    /** The advisory lock key of schema changes, the same for every table: the extension is shared by all. */
    private static final long SCHEMA_LOCK = 0x696d6167655f7363L; // "image_sc"

    private SchemaChanges() {}

    /** Runs {@code change} in one transaction, under a lock held to its end, after creating the extension if missing. */
    public static <T, E extends Exception> T run(Connection connection, Transactions.Work<T, E> change)
            throws E, SQLException {
        return Transactions.run(connection, c -> {
            try (Statement statement = c.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            }
            return change.run(c);
        });
    }
}
