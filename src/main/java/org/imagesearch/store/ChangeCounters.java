package org.imagesearch.store;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.imagesearch.metrics.StageTimer;

/**
 * What the sink did, in the metric group {@value StageTimer#GROUP}: {@code indexed} (rows inserted), {@code updated}
 * (rows that existed and were written again, a replay's too) and {@code deleted} (rows removed). Changes that wrote
 * nothing (an upsert older than the stored row or a tombstone, a delete of a missing row) count in none.
 */
final class ChangeCounters {
    private final Counter indexed;
    private final Counter updated;
    private final Counter deleted;

    ChangeCounters(MetricGroup operatorGroup) {
        MetricGroup group = operatorGroup.addGroup(StageTimer.GROUP);
        indexed = group.counter("indexed");
        updated = group.counter("updated");
        deleted = group.counter("deleted");
    }

    void count(RowChange change) {
        switch (change) {
            case INSERTED -> indexed.inc();
            case UPDATED -> updated.inc();
            case DELETED -> deleted.inc();
            case NONE -> { }
        }
    }
}
