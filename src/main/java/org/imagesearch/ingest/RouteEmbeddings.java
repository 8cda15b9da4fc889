package org.imagesearch.ingest;

import java.util.List;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.imagesearch.store.VectorRecord;

/**
 * Sends each embedding of a batch on, in order, as a row change for the table, or, if the model failed, to the dead
 * letters. What the changes did is counted where they are written ({@code ChangeCounters}).
 */
public final class RouteEmbeddings extends ProcessFunction<List<Embedding>, VectorRecord> {
    @Override
    public void processElement(List<Embedding> embeddings, Context ctx, Collector<VectorRecord> out) {
        for (Embedding embedding : embeddings) {
            route(embedding, ctx, out);
        }
    }

    private static void route(Embedding embedding, Context ctx, Collector<VectorRecord> out) {
        PreparedImage input = embedding.input();
        if (embedding.failure() != null) {
            ctx.output(DeadLetter.SIDE_OUTPUT,
                    DeadLetter.of(input.source(), Stage.EMBED, embedding.failure(), input.id()));
            return;
        }
        boolean delete = input.op() == IngestMessage.Operation.DELETE;
        out.collect(new VectorRecord(input.id(), delete, input.version(), input.label(), embedding.vector(),
                input.metadataJson(), embedding.tag(), input.thumbnail()));
    }
}
