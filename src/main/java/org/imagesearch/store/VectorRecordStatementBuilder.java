package org.imagesearch.store;

import com.pgvector.PGvector;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.imagesearch.embed.DescriptorTag;

/** Binds a {@link VectorRecord} to {@link VectorTableSql#upsertOrDelete()}. */
public final class VectorRecordStatementBuilder implements JdbcStatementBuilder<VectorRecord> {
    @Override
    public void accept(PreparedStatement ps, VectorRecord record) throws SQLException {
        ps.setLong(1, record.id());
        ps.setLong(2, record.version());
        ps.setBoolean(3, record.delete());
        ps.setString(4, record.label());
        if (record.delete()) {
            ps.setNull(5, Types.OTHER);
        } else {
            ps.setObject(5, new PGvector(record.vector()));
        }
        ps.setString(6, record.metadataJson());
        DescriptorTag tag = record.tag();
        ps.setString(7, tag.model());
        ps.setString(8, tag.descriptor());
        ps.setInt(9, tag.inputSize());
        if (tag.projectionVersion() == null) {
            ps.setNull(10, Types.INTEGER);
        } else {
            ps.setInt(10, tag.projectionVersion());
        }
        ps.setBytes(11, record.thumbnail());
    }
}
