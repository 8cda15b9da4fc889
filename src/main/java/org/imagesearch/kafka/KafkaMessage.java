package org.imagesearch.kafka;

/**
 * One record as it came off the ingest topic, bytes untouched, so that a dead letter can carry the
 * original payload whatever went wrong with it.
 */
public record KafkaMessage(String topic, int partition, long offset, byte[] key, byte[] value) {}
