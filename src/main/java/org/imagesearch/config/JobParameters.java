package org.imagesearch.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.imagesearch.embed.Descriptor;
import org.imagesearch.image.LoaderLimits;
import org.imagesearch.image.Redaction;

/**
 * The settings a Flink job runs with, as the text map it registers as its global job parameters, so the Flink web
 * UI shows them on the job's configuration page. Keyed by option name; the parallelism and checkpoint interval only
 * when given (else the environment's apply, which the UI shows elsewhere). Anyone who reaches the UI reads this
 * map: the database password is left out and the JDBC URL is redacted.
 */
public final class JobParameters {
    private JobParameters() {}

    public static Map<String, String> of(Settings settings) {
        Map<String, String> map = new LinkedHashMap<>();
        Settings.Kafka kafka = settings.kafka();
        map.put("bootstrap-servers", kafka.bootstrapServers());
        map.put("topic", kafka.topic());
        map.put("dead-letter-topic", kafka.deadLetterTopic());
        map.put("alert-topic", kafka.alertTopic());
        map.put("group-id", kafka.groupId());
        map.put("start-offsets", kafka.startOffsets().name().toLowerCase(Locale.ROOT));

        Settings.Database db = settings.database();
        TableSpec table = db.table();
        map.put("jdbc-url", Redaction.text(db.jdbcUrl()));
        map.put("db-user", db.user());
        map.put("table", table.name());
        map.put("dimension", Integer.toString(table.dimension()));
        map.put("distance", table.distance().name().toLowerCase(Locale.ROOT));
        map.put("hnsw-m", Integer.toString(table.hnswM()));
        map.put("hnsw-ef-construction", Integer.toString(table.hnswEfConstruction()));
        map.put("vector-type", table.vectorType().sqlName());
        map.put("duplicate-distance", db.duplicateDistance() == null ? "off" : db.duplicateDistance().toString());

        Settings.Model model = settings.model();
        Descriptor descriptor = model.descriptor();
        map.put("model", model.file());
        map.put("model-name", model.name());
        map.put("descriptor", descriptor.name()); // as the rows record it, the GeM exponent included
        map.put("input-size", Integer.toString(descriptor.inputSize()));
        map.put("projection", descriptor.projection() == null ? "none" : Integer.toString(descriptor.projection().version()));

        LoaderLimits loader = settings.loader();
        map.put("file-roots", list(loader.fileRoots()));
        map.put("allow-hosts", list(loader.allowHosts()));
        map.put("allow-networks", list(loader.allowNetworks()));
        map.put("http-connect-timeout-ms", millis(loader.connectTimeout()));
        map.put("http-read-timeout-ms", millis(loader.readTimeout()));
        map.put("max-image-bytes", Long.toString(loader.maxBytes()));
        map.put("max-pixels", Long.toString(loader.maxPixels()));
        map.put("load-capacity", Integer.toString(loader.loadCapacity()));
        map.put("load-attempts", Integer.toString(loader.retries().attempts()));
        map.put("load-backoff-ms", millis(loader.retries().backoff()));

        Settings.Job job = settings.job();
        if (job.parallelism() != null) {
            map.put("parallelism", job.parallelism().toString());
        }
        if (job.checkpointInterval() != null) {
            map.put("checkpoint-interval-ms", millis(job.checkpointInterval()));
        }
        map.put("embed-batch-size", Integer.toString(settings.embedBatchSize()));
        map.put("embed-batch-wait-ms", millis(job.embedBatchWait()));
        map.put("sink-batch-size", Integer.toString(job.sinkBatchSize()));
        map.put("sink-batch-interval-ms", millis(job.sinkBatchInterval()));

        map.put("ef-search", Integer.toString(settings.search().efSearch()));
        map.put("query-expansion", Integer.toString(settings.search().queryExpansion()));
        map.put("requests-topic", settings.queryTopics().requestsTopic());
        map.put("results-topic", settings.queryTopics().resultsTopic());
        return map;
    }

    private static String list(List<String> values) {
        return String.join(",", values);
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
