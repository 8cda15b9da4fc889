package org.imagesearch.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks the brokers for their cluster before a job is submitted: Flink's Kafka source would otherwise retry an
 * unreachable broker in silence for a minute before the job fails.
 */
public final class KafkaReachability {
    private KafkaReachability() {}

    /** Throws with one readable line unless a broker of {@code bootstrapServers} answers within {@code timeout}. */
    public static void check(String bootstrapServers, Duration timeout) {
        int millis = Math.toIntExact(timeout.toMillis());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis))) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes()
                    .get(millis + 1000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reaching Kafka at " + bootstrapServers, e);
        }
    }
}
