package org.imagesearch.kafka;

/** Kafka did not answer a read in time, or refused it (a missing topic, say): one readable line. */
public final class KafkaReadException extends IllegalStateException {
    KafkaReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
