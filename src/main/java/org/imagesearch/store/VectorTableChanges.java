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
import org.postgresql.PGStatement;

/**
 * Applies batches of {@link VectorRecord}s to a vector table with {@link VectorTableSql#upsertOrDelete()}: one
 * statement a change, in order, and one transaction a batch, so the near-duplicates lock is held until the batch
 * commits. JDBC's executeBatch cannot read what each statement returns, hence a statement at a time.
 */
public final class VectorTableChanges implements Serializable {
    private final String sql;
    private final VectorRecordStatementBuilder binder;

    public VectorTableChanges(VectorTableSql table, Double duplicateDistance) {
        this.sql = table.upsertOrDelete();
        this.binder = new VectorRecordStatementBuilder(duplicateDistance);
    }

    /**
     * Applies {@code batch} and commits; returns what each change did, or rolls back and throws. The statement is
     * planned once for the connection: PostgreSQL took 0.5-2.4 ms to plan it and 0.3-0.7 ms to run it (a young table,
     * near-duplicate check on), and the sink's batches are small (a few changes each 100 ms), so unnamed statements
     * and custom plans, pgjdbc's and PostgreSQL's defaults for a statement's first executions, planned it for nearly
     * every change. Prepared on the server at once (pgjdbc keeps it for the connection across batches), with the
     * generic plan, which takes the same index paths whatever the values.
     */
    public List<RowChange> apply(Connection connection, List<VectorRecord> batch, StageTimer timer) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement ps = connection.prepareStatement(sql); Statement settings = connection.createStatement()) {
            ps.unwrap(PGStatement.class).setPrepareThreshold(1);
            settings.execute("SET LOCAL plan_cache_mode = force_generic_plan"); // ends with the transaction
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
