package org.imagesearch.kafka;

import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks the brokers for their cluster before a job is submitted: Flink's Kafka source would otherwise retry an
 * unreachable broker in silence for a minute before the job fails.
 */
public final class KafkaReachability {
    private KafkaReachability() {}

    /** Throws with one readable line unless a broker of {@code bootstrapServers} answers within {@code timeout}. */
    public static void check(String bootstrapServers, Duration timeout) {
        try (Admin admin = KafkaClients.admin(bootstrapServers, timeout)) {
            KafkaClients.await(admin.describeCluster(new DescribeClusterOptions()
                    .timeoutMs(Math.toIntExact(timeout.toMillis()))).nodes(), bootstrapServers, timeout, "describing the cluster");
        }
    }
}
