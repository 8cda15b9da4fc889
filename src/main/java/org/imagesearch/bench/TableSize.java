package org.imagesearch.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.imagesearch.store.VectorTableSql;

/** A table's bytes on disk: heap with TOAST, all its indexes, and the HNSW index alone. */
record TableSize(long tableBytes, long indexBytes, long hnswBytes) {
    static TableSize of(Connection connection, VectorTableSql sql) throws SQLException {
        long table;
        long indexes;
        try (PreparedStatement ps = connection.prepareStatement(sql.tableAndIndexBytes())) {
            ps.setString(1, sql.table().name());
            ps.setString(2, sql.table().name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                table = rs.getLong(1);
                indexes = rs.getLong(2);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.relationBytes())) {
            ps.setString(1, sql.table().indexName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new TableSize(table, indexes, rs.getLong(1));
            }
        }
    }
}
