package org.imagesearch.local;

import java.sql.SQLException;
import org.apache.flink.api.connector.sink2.Sink;
import org.imagesearch.store.VectorRecord;

/**
 * Where the ingest job's rows go when {@link LocalPipeline} runs it: the table, made ready before the job
 * starts, the job's sink into it, and how many rows have been written since, which is how the pipeline
 * sees messages settle.
 */
public interface IngestTarget {
    /** Creates (and, where the target says so, empties) the table; rows written are counted from here. */
    void prepare() throws SQLException;

    Sink<VectorRecord> sink();

    /** Rows written since {@link #prepare()}. */
    long rowsWritten() throws SQLException;
}
