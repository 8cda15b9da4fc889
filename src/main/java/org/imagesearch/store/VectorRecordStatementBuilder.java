package org.imagesearch.store;

import com.pgvector.PGvector;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.imagesearch.embed.DescriptorTag;

/**
 * Binds a {@link VectorRecord} to {@link VectorTableSql#upsertOrDelete()}, with the distance under which an upsert
 * joins its nearest neighbour's group of near-duplicates (null: none is looked for).
 */
public final class VectorRecordStatementBuilder implements JdbcStatementBuilder<VectorRecord> {
    private final Double duplicateDistance;

    public VectorRecordStatementBuilder(Double duplicateDistance) {
        this.duplicateDistance = duplicateDistance;
    }

    @Override
    public void accept(PreparedStatement ps, VectorRecord record) throws SQLException {
        ps.setLong(1, record.id());
        ps.setLong(2, record.version());
        ps.setBoolean(3, record.delete());
        if (record.delete()) {
            ps.setNull(4, Types.OTHER);
        } else {
            ps.setObject(4, new PGvector(record.vector()));
        }
        if (duplicateDistance == null) {
            ps.setNull(5, Types.DOUBLE);
        } else {
            ps.setDouble(5, duplicateDistance);
        }
        ps.setString(6, record.label());
        ps.setString(7, record.metadataJson());
        DescriptorTag tag = record.tag();
        ps.setString(8, tag.model());
        ps.setString(9, tag.descriptor());
        ps.setInt(10, tag.inputSize());
        if (tag.projectionVersion() == null) {
            ps.setNull(11, Types.INTEGER);
        } else {
            ps.setInt(11, tag.projectionVersion());
        }
        ps.setBytes(12, record.thumbnail());
    }
}
