package org.imagesearch.testing;

import org.imagesearch.config.Settings;
import org.imagesearch.embed.ImageEmbedder;

/** The real models as the pipeline loads them, for tests that compute expected vectors themselves. */
public final class TestModels {
    private TestModels() {}

    /** The model, descriptor and dimension of {@code settings}. */
    public static ImageEmbedder embedder(Settings settings) {
        return ImageEmbedder.load(settings.modelSpec());
    }

    /** The default settings' model: what the pipeline uses unless told otherwise. */
    public static ImageEmbedder defaultEmbedder() {
        return embedder(TestSettings.parse());
    }
}
