package org.imagesearch.ingest;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.imagesearch.config.Settings;
import org.imagesearch.flink.JobEnvironment;
import org.imagesearch.flink.MicroBatches;
import org.imagesearch.image.LoaderLimits;
import org.imagesearch.kafka.KafkaConnectors;
import org.imagesearch.kafka.KafkaMessage;
import org.imagesearch.store.VectorRecord;
import org.imagesearch.store.VectorSinks;
import org.imagesearch.watch.Alert;
import org.imagesearch.watch.WatchAlerts;

/**
 * The streaming ingestion job: Kafka ingest topic -> parse -> load (asynchronous) -> decode -> SqueezeNet
 * embedding -> batched JDBC upsert into the pgvector table; every message that cannot be indexed goes to the
 * dead-letter sink; with an alert sink, the matches of the table's watchlist go to it. The source and sinks are
 * arguments, so tests run the same job on a MiniCluster.
 */
public final class IngestJob {
    private static final String NAME = "image-search ingest";

    private final Settings settings;
    private final Source<KafkaMessage, ?, ?> source;
    private final Sink<VectorRecord> vectorSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final Sink<Alert> alertSink;

    /** A job without watchlists: a replay into another table, or a test's own sinks. */
    public IngestJob(Settings settings, Source<KafkaMessage, ?, ?> source, Sink<VectorRecord> vectorSink,
                     Sink<DeadLetter> deadLetterSink) {
        this(settings, source, vectorSink, deadLetterSink, null);
    }

    /** With {@code alertSink} (null: none) taking the alerts of the table's watchlist. */
    public IngestJob(Settings settings, Source<KafkaMessage, ?, ?> source, Sink<VectorRecord> vectorSink,
                     Sink<DeadLetter> deadLetterSink, Sink<Alert> alertSink) {
        this.settings = settings;
        this.source = source;
        this.vectorSink = vectorSink;
        this.deadLetterSink = deadLetterSink;
        this.alertSink = alertSink;
    }

    /** The production wiring: Kafka in, PostgreSQL, the dead-letter topic and the watchlist's alert topic out. */
    public static IngestJob fromSettings(Settings settings) {
        return new IngestJob(settings, KafkaConnectors.source(settings.kafka()), VectorSinks.jdbcSink(settings),
                deadLetterSink(settings), WatchAlerts.sink(settings));
    }

    /**
     * The production wiring with the vector rows going to another sink (another table, as the embedded runs of
     * {@code LocalPipeline} write), without watchlists: their broker goes when the run ends, and their alerts with it.
     */
    public static IngestJob fromSettings(Settings settings, Sink<VectorRecord> vectorSink) {
        return new IngestJob(settings, KafkaConnectors.source(settings.kafka()), vectorSink, deadLetterSink(settings));
    }

    private static Sink<DeadLetter> deadLetterSink(Settings settings) {
        return KafkaConnectors.sink(settings.kafka(), new DeadLetterSerializer(settings.kafka().deadLetterTopic()));
    }

    /** Configures {@code env} ({@link JobEnvironment}) and adds the whole job reading from the source. */
    public void addTo(StreamExecutionEnvironment env) {
        configure(env);
        attach(env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka-ingest").uid("kafka-ingest"));
    }

    /**
     * Adds the processing and the sinks after an existing stream of raw messages. Every operator takes the
     * environment's parallelism, so they chain with forward partitioning: no image crosses the network.
     * The operators' uids are what a savepoint maps state by.
     */
    public void attach(DataStream<KafkaMessage> messages) {
        LoaderLimits limits = settings.loader();
        SingleOutputStreamOperator<ParsedMessage> parsed = messages
                .process(new ParseMessage()).name("parse-message").uid("parse");
        // Ordered, so the changes of one id leave in the order they came; the capacity bounds the loads in flight.
        SingleOutputStreamOperator<LoadedImage> loaded = AsyncDataStream.orderedWait(parsed, new LoadImage(limits),
                        LoadImage.deadline(limits).toMillis(), TimeUnit.MILLISECONDS, limits.loadCapacity())
                .name("load-image").uid("load");
        SingleOutputStreamOperator<PreparedImage> prepared = loaded
                .process(new DecodeImage(limits.maxPixels(), settings.modelSpec().decodeTarget()))
                .name("decode-image").uid("decode");
        Settings.Job job = settings.job();
        SingleOutputStreamOperator<List<Embedding>> embedded = prepared
                .transform("embed-batches", Types.LIST(TypeInformation.of(PreparedImage.class)),
                        new MicroBatches<>(settings.embedBatchSize(), job.embedBatchWait().toMillis()))
                .uid("embed-batches")
                .map(new EmbedImage(settings.modelSpec()), Types.LIST(TypeInformation.of(Embedding.class)))
                .name("embed-squeezenet").uid("embed");
        SingleOutputStreamOperator<VectorRecord> rows = embedded
                .process(new RouteEmbeddings()).name("route").uid("route");
        // Changes of one id can come through any partition, so they meet here: one sink subtask, one
        // connection, writes all of an id's changes one after the other. Two connections applying changes
        // of the same id at once could each decide on what the other had not yet committed.
        rows.keyBy(VectorRecord::id, Types.LONG)
                .sinkTo(vectorSink).name("pgvector-upsert").uid("pgvector-upsert");
        parsed.getSideOutput(DeadLetter.SIDE_OUTPUT)
                .union(prepared.getSideOutput(DeadLetter.SIDE_OUTPUT), rows.getSideOutput(DeadLetter.SIDE_OUTPUT))
                .map(new CountDeadLetters()).name("count-dead-letters").uid("count-dead-letters")
                .sinkTo(deadLetterSink).name("dead-letters").uid("dead-letters");
        if (alertSink != null) {
            WatchAlerts.attach(rows, settings.database(), alertSink);
        }
    }

    void configure(StreamExecutionEnvironment env) {
        JobEnvironment.configure(env, settings);
        // No function changes or reuses a record it has emitted (each makes a new one), so the copies Flink would
        // make between chained operators (of whole images) are not needed, and the ones that hold records for a
        // while (the async operator's in flight, MicroBatches' batch) may keep them as they are.
        env.getConfig().enableObjectReuse();
    }

    /** Runs the job on {@code env} until it ends: a streaming job runs until it is cancelled. */
    public void execute(StreamExecutionEnvironment env) throws Exception {
        addTo(env);
        env.execute(NAME);
    }

    /** Starts the job without blocking; the caller cancels it through the returned client. */
    public JobClient start(StreamExecutionEnvironment env) throws Exception {
        addTo(env);
        return env.executeAsync(NAME);
    }
}
