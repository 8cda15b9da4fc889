package org.imagesearch.bench;

import org.apache.flink.api.common.functions.MapFunction;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.store.VectorRecord;

/** Id to row change for the sink: the id's synthetic vector, with its base image's label and thumbnail. */
final class SyntheticRecords implements MapFunction<Long, VectorRecord> {
    private final NoisyEmbeddings embeddings;
    private final byte[][] thumbnails;
    private final DescriptorTag tag;

    SyntheticRecords(NoisyEmbeddings embeddings, byte[][] thumbnails, DescriptorTag tag) {
        this.embeddings = embeddings;
        this.thumbnails = thumbnails;
        this.tag = tag;
    }

    @Override
    public VectorRecord map(Long id) {
        return new VectorRecord(id, false, 1, embeddings.labelOf(id), embeddings.vector(id), null, tag,
                thumbnails[embeddings.baseOf(id)]);
    }
}
