package org.imagesearch.query;

import java.util.List;

/** The answers to one query, nearest first, and how long the search took. */
public record SearchResult(List<Hit> hits, double tookMs) {}
