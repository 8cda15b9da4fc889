package org.imagesearch.store;

/**
 * One row change for the vector table: an upsert with its vector and thumbnail, or a delete
 * ({@code vector} and {@code thumbnail} null).
 */
public record VectorRecord(long id, boolean delete, String label, float[] vector, String metadataJson, String model,
                           byte[] thumbnail) {}
