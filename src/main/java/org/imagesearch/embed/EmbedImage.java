package org.imagesearch.embed;

import ai.djl.translate.TranslateException;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.imagesearch.ingest.IngestMessage;
import org.imagesearch.ingest.PreparedImage;

/**
 * Turns each prepared image into a vector with SqueezeNet. The model is loaded once per parallel
 * subtask (task slot) in {@link #open}, and a missing or broken model fails the job at start.
 * A failure on one image is returned as data, not thrown, so one bad image never restarts the job.
 */
public final class EmbedImage extends RichMapFunction<PreparedImage, Embedding> {
    private final String modelFile;
    private final Descriptor descriptor;
    private final DescriptorTag tag;
    private final int dimension;
    private transient ImageEmbedder embedder;

    public EmbedImage(Path modelFile, String modelName, Descriptor descriptor, int dimension) {
        this.modelFile = modelFile.toString();
        this.descriptor = descriptor;
        this.tag = descriptor.tag(modelName);
        this.dimension = dimension;
    }

    @Override
    public void open(OpenContext context) {
        embedder = ImageEmbedder.load(Path.of(modelFile), descriptor, dimension);
    }

    @Override
    public Embedding map(PreparedImage prepared) {
        if (prepared.op() == IngestMessage.Operation.DELETE) {
            return new Embedding(prepared, null, tag, null);
        }
        try {
            return new Embedding(prepared, embedder.embed(prepared.image()), tag, null);
        } catch (TranslateException | RuntimeException e) {
            return new Embedding(prepared, null, tag, "model error: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (embedder != null) {
            embedder.close();
        }
    }
}
