package org.imagesearch.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imagesearch.config.Settings;

/** {@code image-search ingest} in a JVM of its own, against the brokers and the table of {@code settings}. */
public final class IngestProcess {
    private IngestProcess() {}

    /** Checkpoints every second into {@code checkpointDir}; {@code extra} options follow the generated ones. */
    public static ChildJvm start(Settings settings, int parallelism, Path checkpointDir, Path log, String... extra)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("ingest"));
        args.addAll(options(settings));
        args.addAll(List.of("--parallelism", Integer.toString(parallelism), "--checkpoint-interval-ms", "1000",
                "--checkpoint-dir", checkpointDir.toUri().toString()));
        args.addAll(List.of(extra));
        return ChildJvm.start(log, "org.imagesearch.cli.Main", args);
    }

    /** The options naming the brokers, topics, group and table of {@code settings}, with small sink batches. */
    public static List<String> options(Settings settings) {
        Settings.Kafka kafka = settings.kafka();
        Settings.Database db = settings.database();
        return List.of("--bootstrap-servers", kafka.bootstrapServers(), "--topic", kafka.topic(),
                "--dead-letter-topic", kafka.deadLetterTopic(), "--alert-topic", kafka.alertTopic(), "--group-id", kafka.groupId(),
                "--jdbc-url", db.jdbcUrl(), "--db-user", db.user(), "--db-password", db.password(),
                "--table", db.table().name(), "--sink-batch-size", "10", "--sink-batch-interval-ms", "200");
    }
}
