package org.imagesearch.ingest;

import org.apache.flink.util.OutputTag;
import org.imagesearch.kafka.KafkaMessage;

/**
 * A message that could not be indexed: the original key, payload and record timestamp, where it came from,
 * the stage that rejected it and why. Written as JSON to the dead-letter topic.
 *
 * @param id              the message id when it could be parsed, else null
 * @param sourceTimestamp the original record's timestamp (the change's version when the message gives none),
 *                        negative if it had none
 */
public record DeadLetter(String stage, String reason, Long id, String sourceTopic, int sourcePartition,
                         long sourceOffset, long sourceTimestamp, byte[] key, byte[] payload, long failedAtMillis) {
    /** The side output every operator that rejects a message puts its dead letter on. */
    public static final OutputTag<DeadLetter> SIDE_OUTPUT = new OutputTag<>("dead-letters") {};

    public static DeadLetter of(KafkaMessage message, Stage stage, String reason, Long id) {
        return new DeadLetter(stage.label(), reason, id, message.topic(), message.partition(), message.offset(),
                message.timestamp(), message.key(), message.value(), System.currentTimeMillis());
    }
}
