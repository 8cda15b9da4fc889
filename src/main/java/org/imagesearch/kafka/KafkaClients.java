package org.imagesearch.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The plain Kafka clients that commands use beside the jobs, each wait bounded by one timeout, and the one way
 * their failures read: {@code Kafka at HOST:PORT did not answer within N s}, or what was refused.
 */
final class KafkaClients {
    private KafkaClients() {}

    static Admin admin(String bootstrapServers, Duration timeout) {
        int millis = Math.toIntExact(timeout.toMillis());
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis));
    }

    /** A consumer of raw records in no group: it is assigned its partitions and commits nothing. */
    static KafkaConsumer<byte[], byte[]> reader(String bootstrapServers, Duration timeout) {
        int millis = Math.toIntExact(timeout.toMillis());
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    /** The future's value within {@code timeout} (and a second for the client's own timeout to fire first). */
    static <T> T await(KafkaFuture<T> future, String bootstrapServers, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis() + 1000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unanswered(bootstrapServers, timeout, e.getCause());
            }
            throw new KafkaReadException(what + " at " + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw unanswered(bootstrapServers, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaReadException("interrupted while " + what + " at " + bootstrapServers, e);
        }
    }

    static KafkaReadException unanswered(String bootstrapServers, Duration timeout, Throwable cause) {
        return new KafkaReadException("Kafka at " + bootstrapServers + " did not answer within "
                + timeout.toSeconds() + " s", cause);
    }
}
