package org.imagesearch.ingest;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.imagesearch.store.VectorRecord;

/** Sends each embedding on as a row change for the table, or, if the model failed, to the dead letters. */
public final class RouteEmbeddings extends ProcessFunction<Embedding, VectorRecord> {
    private transient Counter upserts;
    private transient Counter deletes;

    @Override
    public void open(OpenContext context) {
        upserts = getRuntimeContext().getMetricGroup().addGroup("imagesearch").counter("upserts");
        deletes = getRuntimeContext().getMetricGroup().addGroup("imagesearch").counter("deletes");
    }

    @Override
    public void processElement(Embedding embedding, Context ctx, Collector<VectorRecord> out) {
        PreparedImage input = embedding.input();
        if (embedding.failure() != null) {
            ctx.output(DeadLetter.SIDE_OUTPUT,
                    DeadLetter.of(input.source(), Stage.EMBED, embedding.failure(), input.id()));
            return;
        }
        boolean delete = input.op() == IngestMessage.Operation.DELETE;
        (delete ? deletes : upserts).inc();
        out.collect(new VectorRecord(input.id(), delete, input.version(), input.label(), embedding.vector(),
                input.metadataJson(), embedding.tag(), input.thumbnail()));
    }
}
