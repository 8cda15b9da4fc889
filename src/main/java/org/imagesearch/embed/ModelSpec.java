package org.imagesearch.embed;

import java.io.Serializable;
import java.nio.file.Path;
import org.imagesearch.image.DecodeTarget;

/**
 * What it takes to load an embedder: the TorchScript file, the name recorded with every row it embeds, the
 * descriptor made from its output and the vector size the table stores. Serializable (the file as a string)
 * so Flink operators carry it to the task that loads the model.
 */
public record ModelSpec(String file, String name, Descriptor descriptor, int dimension) implements Serializable {
    public Path path() {
        return Path.of(file);
    }

    /** How small images may be decoded for this model: the same for ingestion and queries. */
    public DecodeTarget decodeTarget() {
        return descriptor.preprocessor().decodeTarget();
    }

    public DescriptorTag tag() {
        return descriptor.tag(name);
    }

    /**
     * Loads the model once and drops it: a missing or broken file, or one whose output does not fit the
     * table, fails here with a clear message instead of in a restarting task.
     */
    public void check() {
        ImageEmbedder.load(this).close();
    }
}
