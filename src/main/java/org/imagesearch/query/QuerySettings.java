package org.imagesearch.query;

import java.sql.Connection;
import java.sql.SQLException;
import org.imagesearch.config.Settings;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.ProjectionStore;
import org.imagesearch.store.VectorTableSchema;
import org.imagesearch.store.VectorTableSql;

/** Settings for the query side: the configured projection loaded, and checked against the table's rows. */
public final class QuerySettings {
    private QuerySettings() {}

    /**
     * Fails unless the table is empty or holds vectors made the way query images will be embedded:
     * vectors of different descriptors would give answers that look valid and are not.
     */
    public static Settings resolve(Settings configured) throws SQLException {
        Settings settings = ProjectionStore.resolve(configured);
        try (Connection connection = PostgresConnections.open(settings.database())) {
            new VectorTableSchema(new VectorTableSql(settings.database().table()))
                    .requireDescriptor(connection, settings.model().tag());
        }
        return settings;
    }
}
