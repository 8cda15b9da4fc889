package org.imagesearch.queryjob;

import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.imagesearch.config.Settings;
import org.imagesearch.flink.JobEnvironment;
import org.imagesearch.kafka.KafkaConnectors;
import org.imagesearch.kafka.KafkaMessage;

/**
 * The query job: lookups arrive as JSON on the requests topic and their answers leave on the results
 * topic, keyed like the request. A separate Flink job from ingestion, so each scales on its own.
 */
public final class QueryJob {
    private static final String NAME = "image-search queries";
    /**
     * The most an answer's key and value may take. A larger one would fail the sink's write, and the job would
     * restart and fail on it again; {@link AnswerQueries} answers it with an error instead.
     */
    public static final int MAX_ANSWER_BYTES = 960 * 1024;
    /** The results producer's record limit (Kafka's default, set explicitly): the bound plus room for framing. */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private final Settings settings;
    private final Source<KafkaMessage, ?, ?> source;
    private final Sink<QueryAnswer> sink;

    public QueryJob(Settings settings, Source<KafkaMessage, ?, ?> source, Sink<QueryAnswer> sink) {
        this.settings = settings;
        this.source = source;
        this.sink = sink;
    }

    public static QueryJob fromSettings(Settings settings) {
        Settings.Kafka kafka = settings.kafka();
        Settings.Kafka requests = kafka.reading(settings.queryTopics().requestsTopic(), kafka.groupId() + "-queries");
        String results = settings.queryTopics().resultsTopic();
        Properties producer = new Properties();
        producer.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_REQUEST_BYTES));
        return new QueryJob(settings, KafkaConnectors.source(requests), KafkaConnectors.sink(kafka,
                (answer, context, timestamp) -> new ProducerRecord<>(results, answer.key(), answer.json()), producer));
    }

    /** Configures {@code env} ({@link JobEnvironment}) and adds the job; every operator takes its parallelism. */
    public void addTo(StreamExecutionEnvironment env) {
        JobEnvironment.configure(env, settings);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka-queries").uid("kafka-queries")
                .map(new AnswerQueries(settings, MAX_ANSWER_BYTES)).name("answer-queries").uid("answer-queries")
                .sinkTo(sink).name("query-results").uid("query-results");
    }

    /** Runs the job on {@code env} until it is cancelled. */
    public void execute(StreamExecutionEnvironment env) throws Exception {
        addTo(env);
        env.execute(NAME);
    }

    public JobClient start(StreamExecutionEnvironment env) throws Exception {
        addTo(env);
        return env.executeAsync(NAME);
    }
}
