package org.imagesearch.kafka;

/**
 * One record as it came off the ingest topic, bytes untouched, so that a dead letter can carry the
 * original payload whatever went wrong with it.
 *
 * @param timestamp the record's timestamp in epoch milliseconds (the producer's CreateTime unless the topic
 *                  uses LogAppendTime), negative if the record has none
 */
public record KafkaMessage(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {}
