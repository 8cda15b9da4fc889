package org.imagesearch.watch;

import java.io.Serializable;
import java.time.Instant;

/** A watched vector: every image ingested later within {@code distance} of it raises one alert. */
public record Watch(long id, float[] vector, double distance, String note, Instant createdAt) implements Serializable {}
