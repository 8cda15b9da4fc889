package org.imagesearch.embed;

import ai.djl.translate.TranslateException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.imagesearch.image.DecodeTarget;
import org.imagesearch.image.RgbImage;

/**
 * A fixed set of loaded models for query images, one per concurrent inference (a DJL predictor is not
 * thread-safe). Callers beyond the pool size wait for a free model.
 */
public final class EmbedderPool implements AutoCloseable {
    private final BlockingQueue<ImageEmbedder> free;
    private final int size;
    private final DecodeTarget decodeTarget;

    public EmbedderPool(ModelSpec spec, int size) {
        this.size = size;
        this.decodeTarget = spec.decodeTarget();
        this.free = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            free.add(ImageEmbedder.load(spec));
        }
    }

    public int size() {
        return size;
    }

    /** How small query images may be decoded for these models. */
    public DecodeTarget decodeTarget() {
        return decodeTarget;
    }

    public float[] embed(RgbImage image) throws TranslateException, InterruptedException {
        ImageEmbedder embedder = free.take();
        try {
            return embedder.embed(image);
        } finally {
            free.add(embedder);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = 0; i < size; i++) {
            free.take().close();
        }
    }
}
