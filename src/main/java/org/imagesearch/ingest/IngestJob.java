package org.imagesearch.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.imagesearch.config.Options;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.EmbedImage;
import org.imagesearch.embed.Embedding;
import org.imagesearch.embed.ImageEmbedder;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.ProjectionStore;
import org.imagesearch.store.VectorRecord;
import org.imagesearch.store.VectorSinks;
import org.imagesearch.store.VectorTableSchema;
import org.imagesearch.store.VectorTableSql;

/**
 * The streaming ingestion job: Kafka ingest topic -> parse, load, decode -> SqueezeNet embedding ->
 * batched JDBC upsert into the pgvector table; every message that cannot be indexed goes to the
 * dead-letter sink. The source and sinks are arguments, so tests run the same job on a MiniCluster.
 */
public final class IngestJob {
    private final Settings settings;
    private final Source<KafkaMessage, ?, ?> source;
    private final Sink<VectorRecord> vectorSink;
    private final Sink<DeadLetter> deadLetterSink;

    public IngestJob(Settings settings, Source<KafkaMessage, ?, ?> source, Sink<VectorRecord> vectorSink,
                     Sink<DeadLetter> deadLetterSink) {
        this.settings = settings;
        this.source = source;
        this.vectorSink = vectorSink;
        this.deadLetterSink = deadLetterSink;
    }

    /** The production wiring: Kafka in, PostgreSQL and the dead-letter topic out. */
    public static IngestJob fromSettings(Settings settings) {
        return fromSettings(settings, VectorSinks.jdbcSink(settings));
    }

    /** The production wiring with the vector rows going to another sink (another table). */
    public static IngestJob fromSettings(Settings settings, Sink<VectorRecord> vectorSink) {
        return new IngestJob(settings, kafkaSource(settings.kafka()), vectorSink, deadLetterSink(settings.kafka()));
    }

    /** Configures checkpointing on {@code env} and adds the whole job reading from the source. */
    public void addTo(StreamExecutionEnvironment env) {
        configure(env);
        attach(env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka-ingest")
                .uid("kafka-ingest").setParallelism(settings.job().parallelism()));
    }

    /** Adds the processing and the sinks after an existing stream of raw messages. */
    public void attach(DataStream<KafkaMessage> messages) {
        int parallelism = settings.job().parallelism();
        // Every operator keeps the source's parallelism and forward partitioning, so the messages of one
        // Kafka partition (hence of one id, the message key) reach the table in their original order.
        SingleOutputStreamOperator<PreparedImage> prepared = messages
                .process(new PrepareImage(settings.loader())).name("parse-load-decode").uid("prepare")
                .setParallelism(parallelism);
        SingleOutputStreamOperator<Embedding> embedded = prepared
                .map(new EmbedImage(settings.model().path(), settings.model().name(), settings.model().descriptor(),
                        settings.database().table().dimension()))
                .name("embed-squeezenet").uid("embed").setParallelism(parallelism);
        SingleOutputStreamOperator<VectorRecord> rows = embedded
                .process(new RouteEmbeddings()).name("route").uid("route").setParallelism(parallelism);
        rows.sinkTo(vectorSink).name("pgvector-upsert").uid("pgvector-upsert").setParallelism(parallelism);
        prepared.getSideOutput(PrepareImage.DEAD_LETTERS)
                .union(rows.getSideOutput(PrepareImage.DEAD_LETTERS))
                .map(new CountDeadLetters()).name("count-dead-letters").uid("count-dead-letters")
                .setParallelism(parallelism)
                .sinkTo(deadLetterSink).name("dead-letters").uid("dead-letters").setParallelism(parallelism);
    }

    void configure(StreamExecutionEnvironment env) {
        env.enableCheckpointing(settings.job().checkpointInterval().toMillis());
        // No function keeps a reference to a record it has emitted or received, so the copies Flink
        // would make between chained operators (of whole images) are not needed.
        env.getConfig().enableObjectReuse();
    }

    /**
     * Loads the model once before the job is submitted: a missing or broken file, or one whose output
     * does not fit the table, fails here with a clear message instead of in a restarting task.
     */
    public static void checkModel(Settings settings) {
        ImageEmbedder.load(settings.model().path(), settings.model().descriptor(),
                settings.database().table().dimension()).close();
    }

    /**
     * Creates the table and HNSW index if missing, empties it if asked, and fails fast if the database or
     * table is unusable or already holds vectors made with another descriptor.
     */
    public static void prepareTable(Settings settings, boolean empty) {
        Settings.Database db = settings.database();
        VectorTableSql sql = new VectorTableSql(db.table());
        try (Connection connection = PostgresConnections.open(db)) {
            VectorTableSchema schema = new VectorTableSchema(sql);
            schema.ensure(connection);
            if (empty) {
                try (PreparedStatement truncate = connection.prepareStatement(sql.truncate())) {
                    truncate.execute();
                }
            }
            schema.requireDescriptor(connection, settings.model().tag());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare table " + db.table().name() + " at " + db.jdbcUrl()
                    + ": " + e.getMessage(), e);
        }
    }

    public static KafkaSource<KafkaMessage> kafkaSource(Settings.Kafka kafka) {
        OffsetsInitializer start = switch (kafka.startOffsets()) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
        return KafkaSource.<KafkaMessage>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.topic())
                .setGroupId(kafka.groupId())
                .setStartingOffsets(start)
                .setDeserializer(new KafkaMessageDeserializer())
                // Offsets are committed to Kafka when a checkpoint completes (the connector's default).
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    public static KafkaSink<DeadLetter> deadLetterSink(Settings.Kafka kafka) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(new DeadLetterSerializer(kafka.deadLetterTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** Entry point of the job jar on a Flink cluster: {@code flink run image-search-job.jar [options]}. */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, java.util.Set.of());
        options.rejectUnknown(Settings.OPTIONS);
        Settings settings = ProjectionStore.resolve(Settings.from(options));
        checkModel(settings);
        prepareTable(settings, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        fromSettings(settings).addTo(env);
        env.execute("image-search ingest");
    }

    /** Starts the job without blocking; the caller cancels it through the returned client. */
    public JobClient start(StreamExecutionEnvironment env) throws Exception {
        addTo(env);
        return env.executeAsync("image-search ingest");
    }
}
