package org.imagesearch.embed;

import java.io.Serializable;

/**
 * What a stored vector was made with, recorded on its row: model name, descriptor name, input size, and
 * the projection version (null when none), so vectors of different kinds are never compared unknowingly.
 */
public record DescriptorTag(String model, String descriptor, int inputSize, Integer projectionVersion)
        implements Serializable {

    /** For messages: e.g. {@code squeezenet1_0-features/gem-p3@112+projection 2}. */
    public String describe() {
        return model + "/" + descriptor + "@" + inputSize
                + (projectionVersion == null ? "" : "+projection " + projectionVersion);
    }
}
