package org.imagesearch.testing;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.imagesearch.config.Settings;
import org.imagesearch.ingest.DeadLetter;
import org.imagesearch.ingest.DeadLetterSerializer;
import org.imagesearch.ingest.Stage;
import org.imagesearch.kafka.KafkaMessage;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.publish.IngestMessageWriter;

/** What a status shows without a job running: messages on the ingest topic that nobody read, and dead letters. */
public final class Backlog {
    private Backlog() {}

    /** {@code messages} deletes of ids 0.. on the ingest topic, and one dead letter of each of {@code stages}. */
    public static void publish(Settings.Kafka kafka, int messages, Stage... stages) {
        try (ImagePublisher ingest = new ImagePublisher(kafka.bootstrapServers(), kafka.topic());
             ImagePublisher deadLetters = new ImagePublisher(kafka.bootstrapServers(), kafka.deadLetterTopic())) {
            for (int id = 0; id < messages; id++) {
                ingest.send(id, IngestMessageWriter.delete(id));
            }
            DeadLetterSerializer serializer = new DeadLetterSerializer(kafka.deadLetterTopic());
            for (Stage stage : stages) {
                DeadLetter letter = DeadLetter.of(new KafkaMessage(kafka.topic(), 0, 0, System.currentTimeMillis(),
                        null, TestMessages.json("{}")), stage, "a " + stage.label() + " failure", null);
                ProducerRecord<byte[], byte[]> record = serializer.serialize(letter, null, null);
                deadLetters.send(record.key(), record.value(), null);
            }
            ingest.flush();
            deadLetters.flush();
        }
    }
}
