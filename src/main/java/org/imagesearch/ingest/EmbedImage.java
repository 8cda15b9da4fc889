package org.imagesearch.ingest;

import ai.djl.translate.TranslateException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.embed.ImageEmbedder;
import org.imagesearch.embed.ModelSpec;
import org.imagesearch.metrics.StageTimer;

/**
 * Turns each prepared image into a vector with SqueezeNet. The model is loaded once per parallel
 * subtask (task slot) in {@link #open}, and a missing or broken model fails the job at start.
 * A failure on one image is returned as data, not thrown, so one bad image never restarts the job.
 */
public final class EmbedImage extends RichMapFunction<PreparedImage, Embedding> {
    private final ModelSpec model;
    private final DescriptorTag tag;
    private transient ImageEmbedder embedder;
    private transient StageTimer embedTimer;

    public EmbedImage(ModelSpec model) {
        this.model = model;
        this.tag = model.tag();
    }

    @Override
    public void open(OpenContext context) {
        embedder = ImageEmbedder.load(model);
        // resize, crop, normalisation and the model's forward pass: the translator does them in one call
        embedTimer = StageTimer.register(getRuntimeContext().getMetricGroup(), "embed");
    }

    @Override
    public Embedding map(PreparedImage prepared) {
        if (prepared.op() == IngestMessage.Operation.DELETE) {
            return new Embedding(prepared, null, tag, null);
        }
        try {
            StageTimer.Start embed = embedTimer.start();
            float[] vector = embedder.embed(prepared.image());
            embed.stop();
            return new Embedding(prepared, vector, tag, null);
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
