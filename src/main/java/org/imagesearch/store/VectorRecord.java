package org.imagesearch.store;

import org.imagesearch.embed.DescriptorTag;

/**
 * One row change for the vector table: an upsert with its vector and thumbnail, or a delete
 * ({@code vector} and {@code thumbnail} null). Of the changes of one id the table keeps the one with
 * the highest {@code version} (see {@link VectorTableSql#upsertOrDelete()}).
 */
public record VectorRecord(long id, boolean delete, long version, String label, float[] vector, String metadataJson,
                           DescriptorTag tag, byte[] thumbnail) {}
