package org.imagesearch.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.HexFormat;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.VectorTableSql;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Phase 2 of {@code bench store}: the same N rows by {@code COPY} into a copy of the table without its HNSW index,
 * then {@code CREATE INDEX} timed, with {@code maintenance_work_mem} set for the session: the other way to fill a
 * large table. Reports whether the graph fitted in that memory (pgvector says when it did not, and the rest of the
 * build is much slower), then drops the copy unless the searches are to run on it.
 */
final class BulkLoad {
    private static final int CHUNK_BYTES = 1 << 20;
    private static final String GRAPH_OVERFLOW = "hnsw graph no longer fits into maintenance_work_mem";

    private final Settings.Database database;
    private final NoisyEmbeddings embeddings;
    private final byte[][] thumbnails;
    private final DescriptorTag tag;
    private final String maintenanceWorkMem;

    BulkLoad(Settings.Database database, NoisyEmbeddings embeddings, byte[][] thumbnails, DescriptorTag tag,
             String maintenanceWorkMem) {
        this.database = database;
        this.embeddings = embeddings;
        this.thumbnails = thumbnails;
        this.tag = tag;
        this.maintenanceWorkMem = maintenanceWorkMem;
    }

    record Result(String table, double copySeconds, double indexSeconds, boolean graphFitInMemory,
                  String maintenanceWorkMem, int parallelWorkers, TableSize size) {}

    Result run(long rows, boolean keep) throws Exception {
        VectorTableSql sql = new VectorTableSql(database.table().withName(database.table().name() + "_bulk"));
        try (Connection connection = PostgresConnections.open(database)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql.dropTable());
                statement.execute(sql.createTable());
            }
            long start = System.nanoTime();
            copy(connection, sql, rows);
            double copySeconds = (System.nanoTime() - start) / 1e9;
            try (PreparedStatement memory = connection.prepareStatement(
                    "SELECT set_config('maintenance_work_mem', ?, false), current_setting('max_parallel_maintenance_workers')")) {
                memory.setString(1, maintenanceWorkMem);
                int workers;
                try (ResultSet rs = memory.executeQuery()) {
                    rs.next();
                    workers = Integer.parseInt(rs.getString(2));
                }
                boolean fit;
                start = System.nanoTime();
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql.createIndex());
                    fit = !warned(statement.getWarnings());
                }
                double indexSeconds = (System.nanoTime() - start) / 1e9;
                TableSize size = TableSize.of(connection, sql);
                if (!keep) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(sql.dropTable());
                    }
                }
                return new Result(sql.table().name(), copySeconds, indexSeconds, fit, maintenanceWorkMem, workers, size);
            }
        }
    }

    private static boolean warned(SQLWarning warning) {
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            if (w.getMessage() != null && w.getMessage().contains(GRAPH_OVERFLOW)) {
                return true;
            }
        }
        return false;
    }

    /** Streams the rows in COPY's text format, a megabyte at a time. */
    private void copy(Connection connection, VectorTableSql sql, long rows) throws SQLException {
        String[] hexThumbnails = new String[thumbnails.length];
        for (int i = 0; i < thumbnails.length; i++) {
            hexThumbnails[i] = "\\\\x" + HexFormat.of().formatHex(thumbnails[i]); // bytea hex, backslash escaped
        }
        String fixed = "\t" + text(tag.model()) + "\t" + text(tag.descriptor()) + "\t" + tag.inputSize() + "\t";
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.copyIn());
        try {
            ByteArrayOutputStream chunk = new ByteArrayOutputStream(CHUNK_BYTES + 16_384);
            StringBuilder line = new StringBuilder(8192);
            for (long id = 0; id < rows; id++) {
                line.setLength(0);
                line.append(id).append('\t').append(text(embeddings.labelOf(id))).append("\t[");
                float[] v = embeddings.vector(id);
                for (int i = 0; i < v.length; i++) {
                    line.append(i == 0 ? "" : ",").append(v[i]);
                }
                line.append(']').append(fixed).append(hexThumbnails[embeddings.baseOf(id)]).append("\t1\n");
                chunk.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
                if (chunk.size() >= CHUNK_BYTES) {
                    copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
                    chunk.reset();
                }
            }
            copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** A text field of COPY's text format: backslash, tab and line breaks escaped; null as \N. */
    static String text(String value) {
        if (value == null) {
            return "\\N";
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
