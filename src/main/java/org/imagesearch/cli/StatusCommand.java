package org.imagesearch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.imagesearch.config.KafkaOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.config.VectorTableOptions;
import org.imagesearch.ingest.IngestStatus;
import org.imagesearch.store.PostgresConnections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code status}: how ingestion is doing, in a few lines (or JSON, as {@code /api/stats} carries it). */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
        "How ingestion is doing: the ingest job's consumer lag per partition, the last minute's rate and the backlog's "
                + "ETA, dead letters by stage, the table's rows and size.",
        "The lag is as of the job's last checkpoint, when its Kafka source commits offsets."})
final class StatusCommand implements Callable<Integer> {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--json", description = "end with one JSON object, as /api/stats carries it")
    private boolean json;

    @Mixin
    private KafkaOptions kafka;
    @Mixin
    private VectorTableOptions vectors;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Settings settings = new SettingsBuilder().with(kafka).with(vectors).build();
        ObjectNode status;
        try (Connection connection = PostgresConnections.open(settings.database())) {
            status = new IngestStatus(settings.kafka(), settings.database().table(), KAFKA_TIMEOUT).read(connection);
        }
        PrintWriter out = spec.commandLine().getOut();
        lines(status).forEach(out::println);
        if (json) {
            out.println(status);
        }
        out.flush();
        return 0;
    }

    private static List<String> lines(JsonNode status) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Table %s: %d rows, %.1f MB; %d written in the last minute (%.2f a second)",
                status.get("table").asText(), status.get("rows").asLong(), status.get("table_bytes").asLong() / 1e6,
                status.get("rows_last_minute").asLong(), status.get("ingest_rate_per_s").asDouble()));
        if (!status.get("kafka_error").isNull()) {
            lines.add("Kafka: " + status.get("kafka_error").asText());
            return lines;
        }
        lines.add("Topic " + status.get("topic").asText() + ", consumer group " + status.get("consumer_group").asText()
                + " (offsets as of the job's last checkpoint):");
        for (JsonNode partition : status.get("lag").get("partitions")) {
            lines.add(String.format("  partition %d: %s, end %d, lag %d", partition.get("partition").asInt(),
                    partition.get("committed").isNull() ? "nothing committed" : "committed " + partition.get("committed").asLong(),
                    partition.get("end").asLong(), partition.get("lag").asLong()));
        }
        lines.add("  lag " + status.get("lag").get("total").asLong() + "; " + (status.get("eta_s").isNull()
                ? "no ETA: nothing was written in the last minute" : "ETA " + status.get("eta_s").asDouble() + " s at that rate"));
        JsonNode letters = status.get("dead_letters");
        List<String> stages = new ArrayList<>();
        for (Map.Entry<String, JsonNode> stage : letters.get("by_stage").properties()) {
            stages.add(stage.getKey() + " " + stage.getValue().asLong());
        }
        lines.add("Dead letters in " + status.get("dead_letter_topic").asText() + ": " + letters.get("total").asLong()
                + (stages.isEmpty() ? "" : " (" + String.join(", ", stages) + ")")
                + (letters.get("counted").asLong() < letters.get("total").asLong()
                        ? ", stages of the newest " + letters.get("counted").asLong() : ""));
        return lines;
    }
}
