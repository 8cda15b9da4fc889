package org.imagesearch.store;

/** One row change for the vector table: an upsert with its vector, or a delete ({@code vector} null). */
public record VectorRecord(long id, boolean delete, String label, float[] vector, String metadataJson, String model) {}
