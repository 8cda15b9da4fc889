package org.imagesearch.ingest;

import java.util.Locale;
import org.imagesearch.image.ImageRejectedException;

/** Where in the pipeline a message was rejected; recorded in every dead letter and metric. */
public enum Stage {
    PARSE, LOAD, DECODE, EMBED;

    /** The stage of an image the loader or decoder refused. */
    public static Stage of(ImageRejectedException.Step step) {
        return switch (step) {
            case LOAD -> LOAD;
            case DECODE -> DECODE;
        };
    }

    /** The stage of a label as dead letters carry it ({@code load}); case does not matter. */
    public static Stage ofLabel(String label) {
        for (Stage stage : values()) {
            if (stage.label().equalsIgnoreCase(label)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("no stage '" + label + "': parse, load, decode or embed");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
