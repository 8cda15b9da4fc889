package org.imagesearch.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work in one transaction whose {@code set_config(..., true)} settings (ef_search, scan choices) and advisory
 * locks end with it, so a pooled connection never carries them to the next caller.
 */
public final class Transactions {
    /** Work on a connection inside the transaction. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run(Connection connection) throws E, SQLException;
    }

    private Transactions() {}

    public static <T, E extends Exception> T run(Connection connection, Work<T, E> work) throws E, SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (Exception e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
