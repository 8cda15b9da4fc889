package org.imagesearch.publish;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.kafka.MessageSizes;

/**
 * Publishes ingest messages to the ingest topic, keyed by id so all changes of an id share a partition.
 * Every send is checked: {@link #flush} fails when Kafka did not take a message, and once one failed no
 * further message is sent, so a publisher never reports as published what is not in the topic.
 */
public final class ImagePublisher implements AutoCloseable {
    /** How long a send may wait for the broker's metadata: an unreachable broker fails after this. */
    private static final int MAX_BLOCK_MS = 10_000;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String bootstrapServers;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public ImagePublisher(String bootstrapServers, String topic) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MessageSizes.MAX_INGEST_MESSAGE_BYTES,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** Sends one message; fails at once if an earlier one was not delivered. */
    public void send(long id, byte[] message) {
        send(IngestMessageWriter.key(id), message, null);
    }

    /**
     * Sends a message as it is, key and record timestamp included (null: the producer's clock), e.g. a dead
     * letter's original; fails at once if an earlier one was not delivered.
     */
    public void send(byte[] key, byte[] message, Long timestamp) {
        checkDelivered();
        sent.incrementAndGet();
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, message), (metadata, error) -> {
            if (error != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, error);
            }
        });
    }

    /** Sends dataset positions {@code 0..count-1} as ids {@code firstId..}, reporting each one sent. */
    public void publish(Dataset dataset, int count, long firstId, LongConsumer progress) throws IOException {
        for (int position = 0; position < count; position++) {
            send(firstId + position, IngestMessageWriter.upsert(firstId + position, dataset.get(position)));
            progress.accept(position + 1);
        }
        flush();
    }

    /** Waits until every message sent so far is in the topic; fails if any is not. */
    public void flush() {
        producer.flush();
        checkDelivered();
    }

    private void checkDelivered() {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException(failed.get() + " of " + sent.get() + " messages were not delivered to topic "
                    + topic + " at " + bootstrapServers + ": " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
