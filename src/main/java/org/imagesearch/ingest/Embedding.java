package org.imagesearch.ingest;

import org.imagesearch.embed.DescriptorTag;


/**
 * The model's answer for one prepared image: a vector, or the reason the model could not produce one.
 * Deletes pass through with neither.
 */
public record Embedding(PreparedImage input, float[] vector, DescriptorTag tag, String failure) {}
