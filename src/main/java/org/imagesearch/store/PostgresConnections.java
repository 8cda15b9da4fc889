package org.imagesearch.store;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.imagesearch.config.Settings;

/** Plain JDBC connections for schema work and queries, with pgvector's types registered. */
public final class PostgresConnections {
    private PostgresConnections() {}

    public static Connection open(Settings.Database db) throws SQLException {
        Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        PGvector.registerTypes(connection);
        return connection;
    }
}
