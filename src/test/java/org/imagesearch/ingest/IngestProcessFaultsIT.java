package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.imagesearch.local.EmbeddedKafka;
import org.imagesearch.testing.BrokerMain;
import org.imagesearch.testing.ChangeStream;
import org.imagesearch.testing.ChildJvm;
import org.imagesearch.testing.IngestProcess;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest command as a process of its own, its services failing under it while upserts, updates and deletes
 * stream in: the process killed (SIGKILL) and started again, PostgreSQL stopped for 30 s, the Kafka broker
 * killed and restarted, and a planned stop with a savepoint (SIGTERM). Each ends with exactly the rows a
 * fault-free run leaves, every vector equal to the model's own output, and prints one line of figures.
 */
@ExtendWith(RealServices.class)
class IngestProcessFaultsIT {
    private static final Duration LIMIT = ChangeStream.LIMIT;
    private static final Pattern RESUMING = Pattern.compile("resuming from (\\S+)");
    private static final Pattern SAVEPOINT = Pattern.compile("stopped with savepoint (\\S+)");

    private final TestServices services;
    @TempDir
    Path dir;

    IngestProcessFaultsIT(TestServices services) {
        this.services = services;
    }

    @Test
    void resumesFromTheLatestCheckpointAfterTheProcessIsKilled() throws Exception {
        try (Run run = new Run("kill", services.kafka().bootstrapServers())) {
            ChildJvm first = run.ingestUntilMidStream(2);
            Instant killed = Instant.now();
            first.kill();
            ChildJvm second = run.ingest(2);
            assertTrue(second.awaitLine(RESUMING, LIMIT).contains("/chk-"), "resumed from a retained checkpoint");
            run.awaitExpectedRows(second);
            run.report("ingest SIGKILLed and restarted", killed);
        }
    }

    @Test
    void ridesOutPostgresStoppedForThirtySeconds() throws Exception {
        try (Run run = new Run("pgdown", services.kafka().bootstrapServers())) {
            ChildJvm job = run.ingestUntilMidStream(2);
            try {
                services.postgres().stopServer();
                Thread.sleep(30_000);
            } finally {
                services.postgres().restart();
            }
            Instant back = Instant.now();
            run.awaitExpectedRows(job);
            assertTrue(job.isAlive(), "the same process rode the outage out");
            run.report("PostgreSQL stopped for 30 s", back);
        }
    }

    @Test
    void resumesAfterTheBrokerIsKilledAndRestarted() throws Exception {
        Path logs = dir.resolve("kafka-logs");
        int port = EmbeddedKafka.freePort();
        int controllerPort = EmbeddedKafka.freePort();
        ChildJvm broker = broker(logs, port, controllerPort, 1);
        try (Run run = new Run("broker", "127.0.0.1:" + port)) {
            ChildJvm job = run.ingestUntilMidStream(2);
            broker.kill();
            Thread.sleep(5_000);
            broker = broker(logs, port, controllerPort, 2);
            Instant back = Instant.now();
            run.awaitExpectedRows(job);
            run.report("Kafka broker SIGKILLed, restarted after 5 s", back);
        } finally {
            broker.close();
        }
    }

    @Test
    void stopsWithASavepointOnSigtermAndResumesFromItWithoutReprocessing() throws Exception {
        try (Run run = new Run("savepoint", services.kafka().bootstrapServers())) {
            String savepoints = dir.resolve("savepoints").toUri().toString();
            ChildJvm first = run.ingestUntilMidStream(2, "--savepoint-dir", savepoints);
            first.terminate(LIMIT);
            Instant stopped = Instant.now();
            String savepoint = first.awaitLine(SAVEPOINT, Duration.ZERO);
            ChildJvm second = run.ingest(1, "--from-savepoint", savepoint);
            assertEquals(savepoint, second.awaitLine(RESUMING, LIMIT));
            run.awaitExpectedRows(second);
            assertEquals(0, run.reprocessed(), "messages written twice");
            run.report("SIGTERM, stop with savepoint, resumed at parallelism 1", stopped);
        }
    }

    private ChildJvm broker(Path logs, int port, int controllerPort, int start) throws Exception {
        ChildJvm broker = ChildJvm.start(dir.resolve("broker-" + start + ".log"), BrokerMain.class.getName(),
                List.of(logs.toString(), Integer.toString(port), Integer.toString(controllerPort)));
        broker.awaitLine(Pattern.compile(BrokerMain.READY), LIMIT);
        return broker;
    }

    /** A test's stream and the ingest processes that index it. */
    private final class Run implements AutoCloseable {
        private final String name;
        private final ChangeStream stream;
        private final List<ChildJvm> processes = new ArrayList<>();

        Run(String name, String bootstrapServers) throws Exception {
            this.name = name;
            this.stream = ChangeStream.create(name, services, bootstrapServers);
        }

        ChildJvm ingest(int parallelism, String... extra) throws Exception {
            ChildJvm process = IngestProcess.start(stream.settings(), parallelism, dir.resolve("checkpoints"),
                    dir.resolve(name + "-ingest-" + (processes.size() + 1) + ".log"), extra);
            processes.add(process);
            return process;
        }

        /** Starts an ingest process and the stream, and returns once a third of the stream is written. */
        ChildJvm ingestUntilMidStream(int parallelism, String... extra) throws Exception {
            ChildJvm process = ingest(parallelism, extra);
            stream.publishUntilMidStream();
            return process;
        }

        void awaitExpectedRows(ChildJvm job) throws Exception {
            stream.awaitExpectedRows(job::tail);
        }

        long reprocessed() throws Exception {
            return stream.reprocessed();
        }

        void report(String fault, Instant faultEnded) throws Exception {
            stream.report(fault, faultEnded);
        }

        @Override
        public void close() throws Exception {
            stream.close();
            for (ChildJvm process : processes) {
                process.close();
            }
        }
    }
}
