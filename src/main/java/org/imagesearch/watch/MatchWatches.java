package org.imagesearch.watch;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.imagesearch.config.Settings;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.VectorRecord;

/**
 * Compares every upserted image with the watchlist, which each subtask keeps in memory and reads again from
 * {@code <table>_watches} when it is older than {@link #REFRESH}: a watch applies to the images this operator sees
 * after it has read it. Emits candidate alerts; {@link FirstAlertOnly} keeps each pair's first.
 */
public final class MatchWatches extends RichFlatMapFunction<VectorRecord, Alert> {
    static final Duration REFRESH = Duration.ofSeconds(2);

    private final Settings.Database database;
    private transient Watchlist watchlist;
    private transient long readAtMillis;

    public MatchWatches(Settings.Database database) {
        this.database = database;
    }

    @Override
    public void open(OpenContext context) throws SQLException {
        try (Connection connection = PostgresConnections.open(database)) {
            new WatchTable(database.table()).create(connection);
        }
        refresh(System.currentTimeMillis());
    }

    @Override
    public void flatMap(VectorRecord row, Collector<Alert> out) throws SQLException {
        if (row.delete()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now - readAtMillis >= REFRESH.toMillis()) {
            refresh(now);
        }
        watchlist.match(row.id(), row.vector(), now).forEach(out::collect);
    }

    /** A connection per read, so an outage of the database costs no stale connection afterwards. */
    private void refresh(long now) throws SQLException {
        try (Connection connection = PostgresConnections.open(database)) {
            List<Watch> watches = new WatchTable(database.table()).list(connection);
            watchlist = new Watchlist(database.table().distance(), watches);
        }
        readAtMillis = now;
    }
}
