package org.imagesearch.store;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.imagesearch.metrics.StageTimer;

/**
 * Applies batches of {@link VectorRecord}s to a vector table with {@link VectorTableSql#upsertOrDelete()}: one
 * statement a change, in order, and one transaction a batch, so the near-duplicates lock is held until the batch
 * commits. JDBC's executeBatch cannot read what each statement returns, hence a statement at a time.
 */
public final class VectorTableChanges implements Serializable {
    private final String sql;
    private final String forceIndexScans;
    private final VectorRecordStatementBuilder binder;

    public VectorTableChanges(VectorTableSql table, Double duplicateDistance) {
        this.sql = table.upsertOrDelete();
        this.forceIndexScans = table.forceIndexScans();
        this.binder = new VectorRecordStatementBuilder(duplicateDistance);
    }

    /** Applies {@code batch} and commits, index scans only; returns what each change did, or rolls back and throws. */
    public List<RowChange> apply(Connection connection, List<VectorRecord> batch, StageTimer timer) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement ps = connection.prepareStatement(sql); Statement settings = connection.createStatement()) {
            settings.execute(forceIndexScans);
            List<RowChange> changes = new ArrayList<>(batch.size());
            for (VectorRecord record : batch) {
                StageTimer.Start start = timer.start();
                binder.accept(ps, record);
                try (ResultSet result = ps.executeQuery()) {
                    changes.add(RowChange.of(result));
                }
                start.stop();
            }
            connection.commit();
            return changes;
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
