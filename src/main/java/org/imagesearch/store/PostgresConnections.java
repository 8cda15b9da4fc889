package org.imagesearch.store;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import org.imagesearch.config.Settings;
import org.imagesearch.image.Redaction;

/**
 * Plain JDBC connections for schema work and queries, with pgvector's types registered. The driver is called
 * directly rather than found through {@code DriverManager}: on a Flink task manager, DriverManager registers the
 * driver of whichever job's classloader first asked for one, and refuses it to every other job, whose own copy of
 * the driver it never sees ("No suitable driver").
 */
public final class PostgresConnections {
    private static final Driver DRIVER = new org.postgresql.Driver();

    private PostgresConnections() {}

    public static Connection open(Settings.Database db) throws SQLException {
        Properties properties = new Properties();
        if (db.user() != null) {
            properties.setProperty("user", db.user());
        }
        if (db.password() != null) {
            properties.setProperty("password", db.password());
        }
        Connection connection = DRIVER.connect(db.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + Redaction.text(db.jdbcUrl()));
        }
        PGvector.registerTypes(connection);
        return connection;
    }
}
