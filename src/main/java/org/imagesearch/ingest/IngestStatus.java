package org.imagesearch.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.imagesearch.config.Settings;
import org.imagesearch.config.TableSpec;
import org.imagesearch.json.Json;
import org.imagesearch.kafka.ConsumerLag;
import org.imagesearch.kafka.KafkaReadException;
import org.imagesearch.store.ImageTable;

/**
 * How ingestion is doing, read from what the job leaves behind, as the JSON that {@code status} prints and the search
 * service's {@code /api/stats} carries: the lag of the job's consumer group per partition of the ingest topic (as of
 * its last checkpoint, when the Kafka source commits), the rows written in the last minute and so the rate, the
 * backlog's ETA at that rate (null at rate 0), the dead letters by stage, and the table's rows and bytes. When Kafka
 * does not answer, its parts are null and {@code kafka_error} says why; the table's are there all the same.
 */
public final class IngestStatus {
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    /** Dead letters counted by stage: the newest this many of each partition. */
    private static final long COUNTED_DEAD_LETTERS = 10_000;

    private final Settings.Kafka kafka;
    private final TableSpec table;
    private final Duration kafkaTimeout;

    public IngestStatus(Settings.Kafka kafka, TableSpec table, Duration kafkaTimeout) {
        this.kafka = kafka;
        this.table = table;
        this.kafkaTimeout = kafkaTimeout;
    }

    public ObjectNode read(Connection connection) throws SQLException {
        ImageTable rows = new ImageTable(table);
        Long bytes = rows.totalBytes(connection);
        if (bytes == null) {
            throw new IllegalStateException("table " + table.name() + " does not exist: nothing was ingested into it");
        }
        long recent = rows.countUpdatedWithin(connection, RATE_WINDOW);
        double rate = recent / (double) RATE_WINDOW.toSeconds();
        ObjectNode node = Json.object();
        node.put("table", table.name());
        node.put("rows", rows.countRows(connection));
        node.put("table_bytes", bytes);
        node.put("rows_last_minute", recent);
        node.put("ingest_rate_per_s", Json.rounded(rate, 2));
        node.put("topic", kafka.topic());
        node.put("consumer_group", kafka.groupId());
        node.put("dead_letter_topic", kafka.deadLetterTopic());
        try {
            List<ConsumerLag.Partition> lag = ConsumerLag.of(kafka.bootstrapServers(), kafka.groupId(), kafka.topic(),
                    kafkaTimeout);
            long backlog = lag.stream().mapToLong(ConsumerLag.Partition::lag).sum();
            node.set("lag", lagJson(backlog, lag));
            if (rate > 0) {
                node.put("eta_s", Json.rounded(backlog / rate, 1));
            } else {
                node.putNull("eta_s");
            }
            node.set("dead_letters", DeadLetterCounts.read(kafka.bootstrapServers(), kafka.deadLetterTopic(),
                    COUNTED_DEAD_LETTERS, kafkaTimeout).toJson());
            node.putNull("kafka_error");
        } catch (KafkaReadException e) {
            node.putNull("lag");
            node.putNull("eta_s");
            node.putNull("dead_letters");
            node.put("kafka_error", e.getMessage());
        }
        return node;
    }

    private static ObjectNode lagJson(long backlog, List<ConsumerLag.Partition> lag) {
        ObjectNode node = Json.object();
        node.put("total", backlog);
        ArrayNode partitions = node.putArray("partitions");
        for (ConsumerLag.Partition partition : lag) {
            ObjectNode entry = partitions.addObject();
            entry.put("partition", partition.partition());
            if (partition.committed() == null) {
                entry.putNull("committed");
            } else {
                entry.put("committed", partition.committed());
            }
            entry.put("end", partition.end());
            entry.put("lag", partition.lag());
        }
        return node;
    }
}
