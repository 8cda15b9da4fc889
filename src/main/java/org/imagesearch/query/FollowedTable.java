package org.imagesearch.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.imagesearch.config.TableSpec;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.store.TableAliases;
import org.imagesearch.store.VectorTableSchema;
import org.imagesearch.store.VectorTableSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table a front end searches: the target of the alias named like its configured table ({@link TableAliases}),
 * else the configured table itself. Following, it reads the alias again when its last look is
 * {@link #RECHECK} old, so a switch or a rollback reaches a running service or query job within that, without a
 * restart. A target whose vector column differs from the configured one (dimension, storage type) is not followed:
 * its SQL would not fit. A target of another descriptor is followed, but image queries are refused there, since this
 * process embeds them the configured way; searches by id and vector use the stored vectors and stay right.
 */
public final class FollowedTable {
    private static final Logger LOG = LoggerFactory.getLogger(FollowedTable.class);
    public static final Duration RECHECK = Duration.ofSeconds(2);

    /** The table searched now, and why image queries cannot be answered from it (null when they can). */
    public record Target(TableSpec table, String imageRefusal) {}

    /** The newest target given the one searched until now (null at first). */
    @FunctionalInterface
    interface Lookup {
        Target look(Connection connection, Target current) throws SQLException;
    }

    private final Lookup lookup;
    private final long recheckNanos;
    private final LongSupplier nanoClock;
    private Target current;
    private long checkedAt;

    FollowedTable(Lookup lookup, Target initial, Duration recheck, LongSupplier nanoClock) {
        this.lookup = lookup;
        this.current = initial;
        this.recheckNanos = recheck.toNanos();
        this.nanoClock = nanoClock;
        this.checkedAt = nanoClock.getAsLong();
    }

    /** Always {@code table}: for commands that resolved the alias once, and tables that have none. */
    public static FollowedTable fixed(TableSpec table) {
        return new FollowedTable((c, t) -> t, new Target(table, null), Duration.ofNanos(Long.MAX_VALUE),
                System::nanoTime);
    }

    /** The alias named {@code configured.name()}, looked up on first use and then every {@link #RECHECK}. */
    public static FollowedTable following(TableSpec configured, DescriptorTag embeds) {
        return new FollowedTable(new AliasLookup(configured, embeds), null, RECHECK, System::nanoTime);
    }

    public synchronized Target current(Connection connection) throws SQLException {
        long now = nanoClock.getAsLong();
        if (current == null || now - checkedAt >= recheckNanos) {
            current = lookup.look(connection, current);
            checkedAt = now;
        }
        return current;
    }

    /** Reads the alias and judges its target against the configured table and the way queries are embedded. */
    private static final class AliasLookup implements Lookup {
        private final TableSpec configured;
        private final DescriptorTag embeds;
        /** The last target refused, so its warning is logged once, not every few seconds. */
        private String refused;

        AliasLookup(TableSpec configured, DescriptorTag embeds) {
            this.configured = configured;
            this.embeds = embeds;
        }

        @Override
        public Target look(Connection connection, Target current) throws SQLException {
            String name = TableAliases.target(connection, configured.name());
            if (current != null && current.table().name().equals(name)) {
                return current;
            }
            TableSpec table = configured.withName(name);
            VectorTableSchema schema = new VectorTableSchema(new VectorTableSql(table));
            String column = schema.vectorColumnType(connection);
            if (current != null && !table.columnType().equals(column)) {
                if (!name.equals(refused)) {
                    refused = name;
                    LOG.warn("alias {} points to {}, whose vectors are {} where this process searches {}: still "
                            + "searching {}", configured.name(), name, column == null ? "missing" : column,
                            table.columnType(), current.table().name());
                }
                return current;
            }
            DescriptorTag stored = schema.newestDescriptor(connection);
            String imageRefusal = stored == null || stored.equals(embeds) ? null : "table " + name + " (alias "
                    + configured.name() + ") holds vectors made with " + stored.describe() + " but this process embeds "
                    + "query images with " + embeds.describe() + ": search by id, or restart it with the table's "
                    + "settings (--descriptor, --gem-p, --input-size, --projection, --model)";
            if (current != null) {
                LOG.info("alias {} now points to {} (was {})", configured.name(), name, current.table().name());
            }
            return new Target(table, imageRefusal);
        }
    }
}
