package org.imagesearch.query;

import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.imagesearch.config.Options;
import org.imagesearch.config.Settings;
import org.imagesearch.ingest.IngestJob;
import org.imagesearch.ingest.KafkaMessage;

/**
 * The query job: lookups arrive as JSON on the requests topic and their answers leave on the results
 * topic, keyed like the request. A separate Flink job from ingestion, so each scales on its own.
 */
public final class QueryJob {
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
        Settings requests = settings.withKafka(new Settings.Kafka(kafka.bootstrapServers(),
                settings.search().requestsTopic(), kafka.deadLetterTopic(), kafka.groupId() + "-queries",
                kafka.startOffsets()));
        return new QueryJob(settings, IngestJob.kafkaSource(requests.kafka()), resultsSink(settings));
    }

    public void addTo(StreamExecutionEnvironment env) {
        int parallelism = settings.job().parallelism();
        env.enableCheckpointing(settings.job().checkpointInterval().toMillis());
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka-queries").uid("kafka-queries")
                .setParallelism(parallelism)
                .map(new AnswerQueries(settings)).name("answer-queries").uid("answer-queries").setParallelism(parallelism)
                .sinkTo(sink).name("query-results").uid("query-results").setParallelism(parallelism);
    }

    public JobClient start(StreamExecutionEnvironment env) throws Exception {
        addTo(env);
        return env.executeAsync("image-search queries");
    }

    static KafkaSink<QueryAnswer> resultsSink(Settings settings) {
        String topic = settings.search().resultsTopic();
        return KafkaSink.<QueryAnswer>builder()
                .setBootstrapServers(settings.kafka().bootstrapServers())
                .setRecordSerializer((KafkaRecordSerializationSchema<QueryAnswer>) (answer, context, timestamp) ->
                        new ProducerRecord<>(topic, answer.key(), answer.json()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** {@code bin/image-search query-job [options]}, or on a cluster: {@code flink run -c org.imagesearch.query.QueryJob ...}. */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of());
        options.rejectUnknown(Settings.OPTIONS);
        Settings settings = QuerySettings.resolve(Settings.from(options));
        IngestJob.checkModel(settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        fromSettings(settings).addTo(env);
        env.execute("image-search queries");
    }
}
