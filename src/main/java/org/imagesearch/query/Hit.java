package org.imagesearch.query;

/** One answer: a stored image, its class, its distance to the query and its metadata (JSON text or null). */
public record Hit(long id, String label, double distance, String metadataJson) {}
