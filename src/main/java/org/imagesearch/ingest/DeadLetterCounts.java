package org.imagesearch.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.imagesearch.json.Json;
import org.imagesearch.kafka.TopicScan;

/**
 * The dead letters of the dead-letter topic by stage, counted over the newest of each partition so that a status
 * stays quick however many there are; records that are no dead letter count as {@code unreadable}.
 *
 * @param total   the letters the topic holds
 * @param counted how many of the newest of them {@code byStage} counts: all unless there are more than the limit
 */
public record DeadLetterCounts(long total, long counted, Map<String, Long> byStage) {
    public DeadLetterCounts {
        byStage = Map.copyOf(byStage);
    }

    public static DeadLetterCounts read(String bootstrapServers, String topic, long perPartition, Duration timeout) {
        Map<String, Long> byStage = new TreeMap<>();
        TopicScan.Extent extent = TopicScan.newest(bootstrapServers, topic, perPartition, timeout, record -> {
            String stage = StoredDeadLetter.parse(record.key(), record.value()).stage();
            byStage.merge(stage == null ? "unreadable" : stage, 1L, Long::sum);
        });
        return new DeadLetterCounts(extent.records(), extent.read(), byStage);
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("total", total);
        node.put("counted", counted);
        ObjectNode stages = node.putObject("by_stage");
        new TreeMap<>(byStage).forEach(stages::put);
        return node;
    }
}
