package org.imagesearch.query;

import ai.djl.translate.TranslateException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.Descriptor;
import org.imagesearch.embed.ImageEmbedder;
import org.imagesearch.embed.RgbImage;

/**
 * A fixed set of loaded models for query images, one per concurrent inference (a DJL predictor is not
 * thread-safe). Callers beyond the pool size wait for a free model.
 */
public final class EmbedderPool implements AutoCloseable {
    private final BlockingQueue<ImageEmbedder> free;
    private final int size;

    public EmbedderPool(Path modelFile, Descriptor descriptor, int dimension, int size) {
        this.size = size;
        this.free = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            free.add(ImageEmbedder.load(modelFile, descriptor, dimension));
        }
    }

    /** The models of the configured settings, for a table of {@code settings}' dimension. */
    public static EmbedderPool of(Settings settings, int size) {
        Settings.Model model = settings.model();
        return new EmbedderPool(model.path(), model.descriptor(), settings.database().table().dimension(), size);
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
