package org.imagesearch.store;

import org.imagesearch.embed.DescriptorTag;

/**
 * One row change for the vector table: an upsert with its vector and thumbnail, or a delete
 * ({@code vector} and {@code thumbnail} null).
 */
public record VectorRecord(long id, boolean delete, String label, float[] vector, String metadataJson, DescriptorTag tag,
                           byte[] thumbnail) {}
