package org.imagesearch.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.config.Settings;
import org.imagesearch.config.TableSpec;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.embed.Projection;

/**
 * Resolves configured settings against the database, once per command, over one connection: the chosen
 * stored projection is loaded into the descriptor (and the table's dimension becomes its output size),
 * and the table is checked or prepared for the way the command uses it.
 */
public final class SettingsResolver {
    private SettingsResolver() {}

    /**
     * The projection only, for a command whose table is prepared by someone else (the local pipeline's target, or the
     * job's tasks): without a stored projection to load, the database is not reached.
     */
    public static Settings resolve(Settings configured, ProjectionChoice choice) {
        if (choice instanceof ProjectionChoice.None) {
            return configured.withProjection(null);
        }
        try (Connection connection = PostgresConnections.open(configured.database())) {
            return withProjection(connection, configured, choice);
        } catch (SQLException e) {
            throw unusable(configured, e);
        }
    }

    /**
     * For a query side that resolves the table once ({@code search}, benchmarks): the settings name the table the
     * configured table's alias points to now ({@link TableAliases}), and this fails unless that table is empty or
     * holds vectors made the way query images will be embedded; vectors of different descriptors would give answers
     * that look valid and are not.
     */
    public static Settings resolveForQueries(Settings configured, ProjectionChoice choice) {
        try (Connection connection = PostgresConnections.open(configured.database())) {
            Settings settings = aliased(connection, withProjection(connection, configured, choice));
            schema(settings).requireDescriptor(connection, settings.model().tag());
            return settings;
        } catch (SQLException e) {
            throw unusable(configured, e);
        }
    }

    /**
     * For front ends that follow the alias while they run ({@code serve}, the query job): the same checks on the
     * table the alias points to now, created first if missing when {@code create}; the settings keep the configured
     * name, which is the alias they follow.
     */
    public static Settings resolveForFollowing(Settings configured, ProjectionChoice choice, boolean create) {
        try (Connection connection = PostgresConnections.open(configured.database())) {
            Settings settings = withProjection(connection, configured, choice);
            VectorTableSchema target = schema(aliased(connection, settings));
            if (create) {
                target.prepare(connection, settings.model().tag(), false);
            } else {
                target.requireDescriptor(connection, settings.model().tag());
            }
            return settings;
        } catch (SQLException e) {
            throw unusable(configured, e);
        }
    }

    /**
     * For writers and the service: creates the table and HNSW index if missing, empties it if asked, and
     * fails if it already holds vectors made with another descriptor.
     */
    public static Settings resolveForWriting(Settings configured, ProjectionChoice choice, boolean emptyTable) {
        try (Connection connection = PostgresConnections.open(configured.database())) {
            Settings settings = withProjection(connection, configured, choice);
            schema(settings).prepare(connection, settings.model().tag(), emptyTable);
            return settings;
        } catch (SQLException e) {
            throw unusable(configured, e);
        }
    }

    private static Settings withProjection(Connection connection, Settings configured, ProjectionChoice choice)
            throws SQLException {
        DescriptorTag source = configured.model().descriptor().withoutProjection().tag(configured.model().name());
        Projection projection = ProjectionStore.chosen(connection, source, choice);
        return configured.withProjection(projection);
    }

    private static Settings aliased(Connection connection, Settings settings) throws SQLException {
        TableSpec table = settings.database().table();
        return settings.withTable(table.withName(TableAliases.target(connection, table.name())));
    }

    private static VectorTableSchema schema(Settings settings) {
        return TableReadiness.schema(settings.database());
    }

    private static IllegalStateException unusable(Settings settings, SQLException e) {
        return TableReadiness.unusable(settings.database(), e);
    }
}
