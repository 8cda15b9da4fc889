package org.imagesearch.reference;

import org.imagesearch.config.Settings;
import org.imagesearch.config.TableSpec;
import org.imagesearch.embed.Descriptor;
import org.imagesearch.embed.DistanceMetric;

/** The one place that says which model and descriptor the reference walk-through uses. */
public final class ReferenceModel {
    /** The reference's vector: the 1000 class scores (logits) of SqueezeNet 1.0. */
    public static final int DIMENSION = 1000;

    private ReferenceModel() {}

    /**
     * {@code settings} with the reference's model and descriptor, whatever was configured: torchvision's
     * SqueezeNet 1.0 ({@code squeezenet1_0.pt}) at 224x224 (resize 256, center crop 224, ImageNet
     * normalisation), its 1000-d classifier output as the vector, L2 distance. Connection, Kafka, loader
     * and job settings are kept.
     */
    public static Settings applyTo(Settings settings) {
        Descriptor reference = Descriptor.reference();
        return settings.withTable(new TableSpec("image_search", DIMENSION, DistanceMetric.L2, 16, 64))
                .withModel(new Settings.Model(Settings.defaultModelPath(reference).toString(), "squeezenet1_0", reference));
    }
}
