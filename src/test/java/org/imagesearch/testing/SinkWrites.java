package org.imagesearch.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.imagesearch.metrics.StageTimer;
import org.imagesearch.store.RowChange;
import org.imagesearch.store.VectorRecord;
import org.imagesearch.store.VectorTableChanges;
import org.imagesearch.store.VectorTableSql;

/** Row changes written to a vector table outside Flink, in batches as the ingest job's sink writes them. */
public final class SinkWrites {
    private static final StageTimer UNREPORTED = StageTimer.register(new UnregisteredMetricsGroup(), "sink");

    private SinkWrites() {}

    /** Applies {@code records} in batches of {@code batchSize}, each one transaction; returns what each change did. */
    public static List<RowChange> apply(Connection connection, VectorTableSql table, Double duplicateDistance,
                                        List<VectorRecord> records, int batchSize) throws SQLException {
        VectorTableChanges changes = new VectorTableChanges(table, duplicateDistance);
        List<RowChange> done = new ArrayList<>();
        for (int from = 0; from < records.size(); from += batchSize) {
            done.addAll(changes.apply(connection, records.subList(from, Math.min(records.size(), from + batchSize)),
                    UNREPORTED));
        }
        return done;
    }
}
