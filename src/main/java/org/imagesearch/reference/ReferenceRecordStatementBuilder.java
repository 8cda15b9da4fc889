package org.imagesearch.reference;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.imagesearch.store.PgArrays;
import org.imagesearch.store.VectorRecord;

/**
 * Binds a {@link VectorRecord} to {@link ReferenceSql#upsertOrDelete()}: the id as {@code integer}, the
 * class as text, the vector as a {@code real[]} array. Metadata, model and thumbnail have no column there.
 */
final class ReferenceRecordStatementBuilder implements JdbcStatementBuilder<VectorRecord> {
    @Override
    public void accept(PreparedStatement ps, VectorRecord record) throws SQLException {
        // The reference's id is an integer; ids outside its range fail here, loudly, not wrapped around.
        int id = Math.toIntExact(record.id());
        ps.setBoolean(1, record.delete());
        ps.setInt(2, id);
        ps.setInt(3, id);
        ps.setString(4, record.label());
        if (record.delete()) {
            ps.setNull(5, Types.ARRAY);
        } else {
            ps.setArray(5, PgArrays.real(ps.getConnection(), record.vector()));
        }
        ps.setBoolean(6, record.delete());
    }
}
