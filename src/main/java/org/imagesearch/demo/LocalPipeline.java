package org.imagesearch.demo;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.imagesearch.config.Settings;
import org.imagesearch.ingest.IngestJob;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.store.ProjectionStore;

/**
 * The embedded default: a Kafka broker inside this JVM, the ingest job on a local Flink MiniCluster and
 * the configured PostgreSQL, writing into an {@link IngestTarget} (the project's table unless told
 * otherwise). Tracks how many published messages have settled (row written or dead-lettered).
 */
public final class LocalPipeline implements AutoCloseable {
    private final Settings settings;
    private final EmbeddedKafka kafka;
    private final JobClient job;
    private final DeadLetterWatcher deadLetters;
    private final IngestTarget target;

    private LocalPipeline(Settings settings, EmbeddedKafka kafka, JobClient job, DeadLetterWatcher deadLetters,
                          IngestTarget target) {
        this.settings = settings;
        this.kafka = kafka;
        this.job = job;
        this.deadLetters = deadLetters;
        this.target = target;
    }

    /**
     * Starts Kafka, prepares the project's table (emptied first if {@code truncate}) and submits the job,
     * with the configured projection loaded from the database.
     */
    public static LocalPipeline start(Settings given, boolean truncate) throws Exception {
        Settings configured = ProjectionStore.resolve(given);
        return start(configured, new ProjectTable(configured, truncate));
    }

    /** Starts Kafka, prepares the target's table and submits the job writing into it. */
    public static LocalPipeline start(Settings configured, IngestTarget target) throws Exception {
        IngestJob.checkModel(configured);
        target.prepare();
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            Settings.Kafka k = configured.kafka();
            Settings settings = configured.withKafka(new Settings.Kafka(kafka.bootstrapServers(), k.topic(),
                    k.deadLetterTopic(), k.groupId(), Settings.StartOffsets.EARLIEST));
            kafka.createTopic(k.topic(), settings.job().parallelism());
            kafka.createTopic(k.deadLetterTopic(), 1);
            Configuration config = new Configuration();
            config.set(RestOptions.BIND_PORT, "0");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                    settings.job().parallelism(), config);
            JobClient job = IngestJob.fromSettings(settings, target.sink()).start(env);
            return new LocalPipeline(settings, kafka, job, new DeadLetterWatcher(kafka.bootstrapServers(),
                    k.deadLetterTopic()), target);
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
    }

    public Settings settings() {
        return settings;
    }

    public ImagePublisher publisher() {
        return new ImagePublisher(kafka.bootstrapServers(), settings.kafka().topic());
    }

    public long rowsWritten() throws SQLException {
        return target.rowsWritten();
    }

    public long deadLetters() {
        return deadLetters.count();
    }

    public String latestDeadLetter() {
        return deadLetters.latest();
    }

    /**
     * Waits until {@code expected} messages have settled, reporting the count as it goes. Gives up when
     * nothing settles for {@code stall}, or when the job stops, with an error saying which.
     */
    public void awaitSettled(long expected, Duration stall, LongConsumer progress) throws Exception {
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long settled = rowsWritten() + deadLetters();
            progress.accept(settled);
            if (settled >= expected) {
                return;
            }
            if (settled != last) {
                last = settled;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                throw new IllegalStateException("no progress for " + stall.toSeconds() + " s: " + settled + " of "
                        + expected + " messages settled (job status: " + job.getJobStatus().get() + ")");
            }
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                throw new IllegalStateException("the ingest job stopped: " + job.getJobStatus().get());
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
            deadLetters.close();
        } finally {
            kafka.close();
        }
    }
}
