package org.imagesearch.dataset;

import java.util.Map;

/**
 * One image of a data set, either as encoded bytes (PNG, JPEG, ...) or as a file URI, with its class
 * label and where it came from ({@code metadata}, e.g. the record index in the source file).
 */
public record DatasetImage(String label, byte[] bytes, String uri, Map<String, Object> metadata) {}
