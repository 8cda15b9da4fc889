package org.imagesearch.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.datasource.connections.SimpleJdbcConnectionProvider;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.DescriptorTag;

/**
 * The vector sink's connections. Before a writer's first one, the table is made ready ({@link TableReadiness}):
 * so a job submitted without {@code --check-on-submit} creates its table on the task managers when the sink opens,
 * and a table it cannot use fails the job there with the reason, before any row is written.
 */
final class TablePreparingConnections extends SimpleJdbcConnectionProvider {
    private final Settings.Database database;
    private final DescriptorTag tag;
    // Each task deserializes its own copy of the sink, so every writer (again after a restart) prepares once.
    private transient boolean prepared;

    TablePreparingConnections(JdbcConnectionOptions options, Settings.Database database, DescriptorTag tag) {
        super(options);
        this.database = database;
        this.tag = tag;
    }

    @Override
    public Connection getOrEstablishConnection() throws SQLException, ClassNotFoundException {
        if (!prepared) {
            TableReadiness.prepareForWriting(database, tag);
            prepared = true;
        }
        return super.getOrEstablishConnection();
    }
}
