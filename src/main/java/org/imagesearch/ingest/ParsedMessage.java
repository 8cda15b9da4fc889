package org.imagesearch.ingest;

import org.imagesearch.kafka.KafkaMessage;

/**
 * A valid ingest message with the record it came in.
 *
 * @param version what the change is ordered by against the other changes of its id (see {@link ParseMessage})
 */
public record ParsedMessage(KafkaMessage source, IngestMessage message, long version) {}
