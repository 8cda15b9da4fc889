package org.imagesearch.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.image.Redaction;

/**
 * The table checks a job's tasks make when they open, where the database is reached from: on a cluster the task
 * managers, not the client that submitted the job. The same checks, with the same messages, as the client makes
 * with {@code --check-on-submit} ({@link SettingsResolver}).
 */
public final class TableReadiness {
    private TableReadiness() {}

    /** Creates the table and HNSW index if missing; fails if the table holds vectors made another way than {@code tag}. */
    public static void prepareForWriting(Settings.Database db, DescriptorTag tag) {
        try (Connection connection = PostgresConnections.open(db)) {
            schema(db).prepare(connection, tag, false);
        } catch (SQLException e) {
            throw unusable(db, e);
        }
    }

    /**
     * Fails unless the table that the alias named like the configured table points to ({@link TableAliases}) is empty
     * or holds vectors made as {@code tag} says.
     */
    public static void requireDescriptor(Settings.Database db, DescriptorTag tag) {
        try (Connection connection = PostgresConnections.open(db)) {
            String target = TableAliases.target(connection, db.table().name());
            schema(db.withTable(db.table().withName(target))).requireDescriptor(connection, tag);
        } catch (SQLException e) {
            throw unusable(db, e);
        }
    }

    static VectorTableSchema schema(Settings.Database db) {
        return new VectorTableSchema(new VectorTableSql(db.table()));
    }

    static IllegalStateException unusable(Settings.Database db, SQLException e) {
        return new IllegalStateException(Redaction.text("cannot use table " + db.table().name() + " at " + db.jdbcUrl()
                + ": " + e.getMessage()), e);
    }
}
