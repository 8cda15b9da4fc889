package org.imagesearch.store;

import com.pgvector.PGvector;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/** Binds a {@link VectorRecord} to {@link VectorTableSql#upsertOrDelete()}. */
public final class VectorRecordStatementBuilder implements JdbcStatementBuilder<VectorRecord> {
    @Override
    public void accept(PreparedStatement ps, VectorRecord record) throws SQLException {
        ps.setBoolean(1, record.delete());
        ps.setLong(2, record.id());
        ps.setLong(3, record.id());
        ps.setString(4, record.label());
        if (record.delete()) {
            ps.setNull(5, Types.OTHER);
        } else {
            ps.setObject(5, new PGvector(record.vector()));
        }
        ps.setString(6, record.metadataJson());
        ps.setString(7, record.model());
        ps.setBytes(8, record.thumbnail());
        ps.setBoolean(9, record.delete());
    }
}
