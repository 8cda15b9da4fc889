package org.imagesearch.local;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.ingest.IngestJob;
import org.imagesearch.publish.ImagePublisher;

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
     * for settings whose projection is resolved.
     */
    public static LocalPipeline start(Settings settings, boolean truncate) throws Exception {
        return start(settings, new ProjectTable(settings, truncate));
    }

    /** Like {@link #start(Settings, boolean)}, on a MiniCluster with the given configuration. */
    public static LocalPipeline start(Settings settings, boolean truncate, Configuration flink) throws Exception {
        return start(settings, new ProjectTable(settings, truncate), flink);
    }

    /** Starts Kafka, prepares the target's table and submits the job writing into it. */
    public static LocalPipeline start(Settings configured, IngestTarget target) throws Exception {
        return start(configured, target, LocalFlink.configuration(LocalFlink.LOOPBACK, "0"));
    }

    private static LocalPipeline start(Settings configured, IngestTarget target, Configuration flink) throws Exception {
        // A local run checks on submit: a missing model or an unusable table fails here, in one line.
        configured.modelSpec().check();
        target.prepare();
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            Settings.Kafka k = configured.kafka();
            Settings settings = configured.withKafka(k.withBootstrapServers(kafka.bootstrapServers())
                    .withStartOffsets(Settings.StartOffsets.EARLIEST));
            // a partition for each subtask of the job: each reads whole partitions
            kafka.createTopic(k.topic(), LocalFlink.parallelism(settings.job()));
            kafka.createTopic(k.deadLetterTopic(), 1);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(flink);
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

    /** The ids dead-lettered so far (of the messages keyed by their id, as publishers key them). */
    public Set<Long> deadLetteredIds() {
        return deadLetters.ids();
    }

    /**
     * Publishes data set positions 0..count-1 as ids 0..count-1 and waits until all have settled, reporting
     * the published and then the settled count as they grow; returns how many were dead-lettered.
     */
    public long publishAndAwait(Dataset dataset, int count, LongConsumer published, LongConsumer settled)
            throws Exception {
        try (ImagePublisher publisher = publisher()) {
            publisher.publish(dataset, count, 0, published);
        }
        awaitSettled(count, Duration.ofMinutes(5), Instant.MAX, settled);
        return deadLetters();
    }

    /**
     * Waits until {@code expected} messages have settled, reporting the count as it goes. Gives up when
     * nothing settles for {@code stall} or at {@code deadline} ({@link NotSettledException}), or when the job
     * stops, with an error saying which.
     */
    public void awaitSettled(long expected, Duration stall, Instant deadline, LongConsumer progress) throws Exception {
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
                throw new NotSettledException("no progress for " + stall.toSeconds() + " s: " + settled + " of "
                        + expected + " messages settled (job status: " + job.getJobStatus().get() + ")");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new NotSettledException("the deadline passed: " + settled + " of " + expected
                        + " messages settled (job status: " + job.getJobStatus().get() + ")");
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
