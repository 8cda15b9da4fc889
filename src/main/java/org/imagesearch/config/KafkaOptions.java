package org.imagesearch.config;

import picocli.CommandLine.Option;

/** Options for {@link Settings.Kafka}: the broker, the ingest, dead-letter and alert topics, the consumer group. */
public final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka (default: ${DEFAULT-VALUE})")
    private String bootstrapServers = "localhost:9092";

    @Option(names = "--topic", paramLabel = "NAME", description = "the ingest topic (default: ${DEFAULT-VALUE})")
    private String topic = "image-ingest";

    @Option(names = "--dead-letter-topic", paramLabel = "NAME",
            description = "where messages that cannot be indexed go (default: ${DEFAULT-VALUE})")
    private String deadLetterTopic = "image-ingest-dlq";

    @Option(names = "--alert-topic", paramLabel = "NAME",
            description = "where the ingest job reports images matching a watch (default: ${DEFAULT-VALUE})")
    private String alertTopic = "image-alerts";

    @Option(names = "--group-id", paramLabel = "NAME",
            description = "consumer group; offsets are committed on checkpoints (default: ${DEFAULT-VALUE})")
    private String groupId = "image-search-ingest";

    @Option(names = "--start-offsets", paramLabel = "WHERE", description = "where a new consumer group starts: "
            + "committed (falls back to earliest), earliest or latest (default: ${DEFAULT-VALUE})")
    private String startOffsets = "committed";

    public Settings.Kafka kafka() {
        return new Settings.Kafka(bootstrapServers, topic, deadLetterTopic, alertTopic, groupId, parseStartOffsets());
    }

    private Settings.StartOffsets parseStartOffsets() {
        try {
            return Settings.StartOffsets.valueOf(startOffsets.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--start-offsets must be committed, earliest or latest, got '" + startOffsets + "'");
        }
    }
}
