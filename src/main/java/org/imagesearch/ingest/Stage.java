package org.imagesearch.ingest;

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

    public String label() {
        return name().toLowerCase();
    }
}
