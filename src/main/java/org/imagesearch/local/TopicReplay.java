package org.imagesearch.local;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.common.TopicPartition;
import org.imagesearch.config.Settings;
import org.imagesearch.ingest.IngestJob;
import org.imagesearch.kafka.KafkaConnectors;
import org.imagesearch.kafka.TopicOffsets;
import org.imagesearch.store.VectorSinks;

/**
 * Replays the ingest topic into the configured table as a bounded run of the ingest job on a MiniCluster in this
 * JVM: from the earliest offsets up to the end offsets the topic had when the replay started, through the same
 * operators and the same last-writer-wins upsert, so the table ends with every id's newest change as of then
 * (deletes included). The replay's dead letters are dropped: the run that first read those messages wrote them.
 */
public final class TopicReplay {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    /** Where each partition's replay stopped (the first offset it did not read), and how long it took. */
    public record Outcome(Map<TopicPartition, Long> stops, double seconds) {
        /** How many offsets the replay covered, the topic's records from offset 0 (retention may have removed some). */
        public long offsets() {
            return stops.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private TopicReplay() {}

    /** Runs the replay for resolved {@code settings}, whose table is ready, and returns once every row is written. */
    public static Outcome run(Settings settings) throws Exception {
        Settings.Kafka kafka = settings.kafka();
        Map<TopicPartition, Long> stops = TopicOffsets.ends(kafka.bootstrapServers(), kafka.topic(), KAFKA_TIMEOUT);
        long start = System.nanoTime();
        IngestJob job = new IngestJob(settings, KafkaConnectors.boundedSource(kafka, stops),
                VectorSinks.jdbcSink(settings), new DiscardingSink<>());
        // In this JVM, or on the cluster a test or a client provides.
        job.execute(StreamExecutionEnvironment.getExecutionEnvironment(
                LocalFlink.configuration(LocalFlink.LOOPBACK, "0")));
        return new Outcome(stops, (System.nanoTime() - start) / 1e9);
    }
}
