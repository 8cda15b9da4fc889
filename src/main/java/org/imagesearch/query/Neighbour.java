package org.imagesearch.query;

/** One search answer: a stored image, its class and its distance to the query. */
public record Neighbour(long id, String label, double distance) {}
