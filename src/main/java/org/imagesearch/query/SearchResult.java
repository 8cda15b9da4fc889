package org.imagesearch.query;

import java.util.List;
import org.imagesearch.store.StoredImage;

/**
 * The answers to one query, nearest first, and how long the search took; for a search by id also the stored
 * image it started from (null otherwise), so that a client can say what it asked for.
 */
public record SearchResult(List<Hit> hits, double tookMs, StoredImage query) {}
