package org.imagesearch.walkthrough;

import org.imagesearch.config.DistanceMetric;
import org.imagesearch.config.Settings;
import org.imagesearch.config.TableSpec;

/** The one place that says which model and descriptor the reference walk-through uses. */
public final class ReferenceSettings {
    /** The reference's vector: the 1000 class scores (logits) of SqueezeNet 1.0. */
    public static final int DIMENSION = 1000;
    static final String MODEL_FILE = "squeezenet1_0.pt";

    private ReferenceSettings() {}

    /**
     * {@code settings} with the reference's model and descriptor, whatever was configured: torchvision's
     * SqueezeNet 1.0 ({@code squeezenet1_0.pt}) at 224x224 (resize 256, center crop 224, ImageNet
     * normalisation), its 1000-d classifier output as the vector, L2 distance. Connection, Kafka, loader
     * and job settings are kept.
     */
    public static Settings referenceSettings(Settings settings) {
        Settings.Database db = settings.database();
        TableSpec table = new TableSpec("image_search", DIMENSION, DistanceMetric.L2, 16, 64);
        Settings.Model model = new Settings.Model(Settings.sharedDir().resolve("models").resolve(MODEL_FILE),
                "squeezenet1_0");
        return new Settings(settings.kafka(), new Settings.Database(db.jdbcUrl(), db.user(), db.password(), table),
                model, settings.loader(), settings.job(), settings.search());
    }
}
