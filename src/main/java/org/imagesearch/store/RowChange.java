package org.imagesearch.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/** What one change did to its table, as {@link VectorTableSql#upsertOrDelete()} reports it. */
public enum RowChange {
    INSERTED,
    UPDATED,
    DELETED,
    /** An upsert older than the stored row or a tombstone, or a delete of a row that was not there. */
    NONE;

    /** Reads the statement's one row: the upsert's inserted flag (null when it wrote nothing), the rows deleted. */
    static RowChange of(ResultSet result) throws SQLException {
        if (!result.next()) {
            throw new SQLException("the upsert returned no row");
        }
        boolean inserted = result.getBoolean(1);
        if (!result.wasNull()) {
            return inserted ? INSERTED : UPDATED;
        }
        return result.getLong(2) > 0 ? DELETED : NONE;
    }
}
