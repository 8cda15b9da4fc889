package org.imagesearch.store;

/** A stored image as a search by id starts from: its id, class and metadata (JSON text), either of those null. */
public record StoredImage(long id, String label, String metadataJson) {}
