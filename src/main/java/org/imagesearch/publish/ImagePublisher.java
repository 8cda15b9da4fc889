package org.imagesearch.publish;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.imagesearch.dataset.Dataset;

/** Publishes ingest messages to the ingest topic, keyed by id so all changes of an id share a partition. */
public final class ImagePublisher implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    public ImagePublisher(String bootstrapServers, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    public Future<RecordMetadata> send(long id, byte[] message) {
        return producer.send(new ProducerRecord<>(topic, IngestMessageWriter.key(id), message));
    }

    /** Sends dataset positions {@code 0..count-1} as ids {@code firstId..}, reporting each one sent. */
    public void publish(Dataset dataset, int count, long firstId, LongConsumer progress) throws IOException {
        for (int position = 0; position < count; position++) {
            send(firstId + position, IngestMessageWriter.upsert(firstId + position, dataset.get(position)));
            progress.accept(position + 1);
        }
        producer.flush();
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
