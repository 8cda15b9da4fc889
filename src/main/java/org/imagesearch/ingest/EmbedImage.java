package org.imagesearch.ingest;

import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.embed.ImageEmbedder;
import org.imagesearch.embed.ModelSpec;
import org.imagesearch.image.RgbImage;
import org.imagesearch.metrics.StageTimer;

/**
 * Turns each prepared image of a micro-batch ({@code MicroBatches}) into a vector with SqueezeNet, the batch's images in
 * one forward pass. The model is loaded once per parallel subtask (task slot) in {@link #open}, and a missing or
 * broken model fails the job at start. A failure on one image is returned as data, not thrown, so one bad image never
 * restarts the job nor costs the other images of its batch their vectors.
 */
public final class EmbedImage extends RichMapFunction<List<PreparedImage>, List<Embedding>> {
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
        // resize, crop, normalisation and the model's forward pass, per image: the translator does them in one call
        embedTimer = StageTimer.register(getRuntimeContext().getMetricGroup(), "embed");
    }

    @Override
    public List<Embedding> map(List<PreparedImage> batch) {
        List<RgbImage> images = new ArrayList<>(batch.size());
        for (PreparedImage prepared : batch) {
            if (prepared.op() == IngestMessage.Operation.UPSERT) {
                images.add(prepared.image());
            }
        }
        List<float[]> vectors = images.isEmpty() ? List.of() : embedTogether(images);
        List<Embedding> embeddings = new ArrayList<>(batch.size());
        int next = 0;
        for (PreparedImage prepared : batch) {
            if (prepared.op() == IngestMessage.Operation.DELETE) {
                embeddings.add(new Embedding(prepared, null, tag, null));
            } else if (vectors != null) {
                embeddings.add(new Embedding(prepared, vectors.get(next++), tag, null));
            } else {
                embeddings.add(embedAlone(prepared));
            }
        }
        return embeddings;
    }

    /** The batch's vectors, or null when the batch failed: its images then go one at a time, to find which failed. */
    private List<float[]> embedTogether(List<RgbImage> images) {
        try {
            StageTimer.Start embed = embedTimer.start();
            List<float[]> vectors = embedder.embedAll(images);
            embed.stopFor(images.size());
            return vectors;
        } catch (TranslateException | RuntimeException e) {
            return null;
        }
    }

    private Embedding embedAlone(PreparedImage prepared) {
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
