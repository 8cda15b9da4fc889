package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imagesearch.cli.IngestCommand;
import org.imagesearch.cli.QueryJobCommand;
import org.imagesearch.config.Settings;
import org.imagesearch.local.EmbeddedKafka;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.testing.Await;
import org.imagesearch.testing.BrokerMain;
import org.imagesearch.testing.ChangeStream;
import org.imagesearch.testing.ChildJvm;
import org.imagesearch.testing.FlinkClasspath;
import org.imagesearch.testing.FlinkCluster;
import org.imagesearch.testing.FlinkRest;
import org.imagesearch.testing.IngestProcess;
import org.imagesearch.testing.PrometheusEndpoints;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TableRows;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real standalone session cluster: a job manager and two task managers of two slots each, JVMs of
 * their own with a Flink distribution's classpath only, the Kafka broker a process too. The jar is uploaded and run
 * through the REST API as the web UI does, with neither --parallelism nor --checkpoint-interval-ms: the submission's
 * parallelism (the UI's field, flink run -p) and the cluster's execution.checkpointing.interval shape the job.
 */
@ExtendWith(RealServices.class)
class SessionClusterIT {
    private static final int PARALLELISM = 2;
    /** Every slot of the two task managers. */
    private static final int WIDE = 4;
    private static final Map<String, String> CLUSTER = Map.of(
            "execution.checkpointing.interval", "1s",
            "restart-strategy.type", "fixed-delay",
            "restart-strategy.fixed-delay.attempts", "20",
            "restart-strategy.fixed-delay.delay", "2s");

    private final TestServices services;
    @TempDir
    Path dir;

    SessionClusterIT(TestServices services) {
        this.services = services;
    }

    /**
     * One task manager killed with SIGKILL mid-ingest: the job restarts on the other, and the table ends with exactly
     * the rows of a fault-free run, every vector equal to the model's own output.
     */
    @Test
    void aTaskManagerKilledMidIngestLosesNoRowAndWritesEveryVectorRight() throws Exception {
        int port = EmbeddedKafka.freePort();
        try (ChildJvm broker = broker(port); FlinkCluster cluster = FlinkCluster.start(dir.resolve("flink"),
                FlinkClasspath.FLINK, 2, CLUSTER)) {
            broker.awaitLine(Pattern.compile(BrokerMain.READY), ChangeStream.LIMIT);
            try (ChangeStream stream = ChangeStream.create("cluster", services, "127.0.0.1:" + port)) {
                FlinkRest rest = cluster.rest();
                String job = rest.run(rest.upload(jobJar()), IngestCommand.class.getName(), options(stream), PARALLELISM);
                try {
                    Await.until("every subtask running", ChangeStream.LIMIT, () -> running(rest, job));
                    assertClusterShape(rest, job, stream.settings());
                    assertEquals(Set.of("tm-1", "tm-2"), taskManagersOf(rest, job), "the job spans both");

                    stream.publishUntilMidStream();
                    Instant killed = Instant.now();
                    cluster.killTaskManager("tm-1");
                    stream.awaitExpectedRows(cluster::tails);
                    assertEquals(Set.of("tm-2"), taskManagersOf(rest, job), "restarted on the survivor");
                    stream.report("task manager SIGKILLed, the job restarted on the other", killed);
                } finally {
                    rest.cancel(job);
                }
            }
        }
    }

    /**
     * DJL in the cluster's lib/, loaded parent-first, as the README's cluster section says: PyTorch's natives are then
     * loaded once per task manager, by the JVM's own classloader, so the ingest and the query job run side by side on
     * both task managers, and the ingest job runs again on them after a cancel. (With DJL only inside the job jar, the
     * second job's subtasks fail: "Native Library .../libc10.so already loaded in another classloader".)
     */
    @Test
    void withDjlInLibTwoJobsShareTheTaskManagersAndAJobRunsAgainAfterItsCancel() throws Exception {
        int port = EmbeddedKafka.freePort();
        Map<String, String> config = new HashMap<>(CLUSTER);
        config.put("classloader.parent-first-patterns.additional", "ai.djl.");
        try (ChildJvm broker = broker(port); FlinkCluster cluster = FlinkCluster.start(dir.resolve("flink"),
                FlinkClasspath.FLINK_AND_DJL, 2, config)) {
            broker.awaitLine(Pattern.compile(BrokerMain.READY), ChangeStream.LIMIT);
            try (ChangeStream stream = ChangeStream.create("djl_lib", services, "127.0.0.1:" + port)) {
                FlinkRest rest = cluster.rest();
                String jar = rest.upload(jobJar());
                String ingest = rest.run(jar, IngestCommand.class.getName(), options(stream), PARALLELISM);
                Await.until("the ingest job running", ChangeStream.LIMIT, () -> running(rest, ingest));
                stream.publishUntilMidStream();
                stream.awaitExpectedRows(cluster::tails);

                String requests = stream.settings().kafka().topic() + "-queries";
                String results = stream.settings().kafka().topic() + "-answers";
                EmbeddedKafka.createTopic("127.0.0.1:" + port, requests, PARALLELISM);
                EmbeddedKafka.createTopic("127.0.0.1:" + port, results, 1);
                List<String> queryOptions = new ArrayList<>(options(stream));
                queryOptions.addAll(List.of("--requests-topic", requests, "--results-topic", results));
                String queries = rest.run(jar, QueryJobCommand.class.getName(), queryOptions, PARALLELISM);
                try {
                    Await.until("the query job running", ChangeStream.LIMIT, () -> running(rest, queries));
                    assertEquals(Set.of("tm-1", "tm-2"), taskManagersOf(rest, queries), "beside the ingest job");
                    assertEquals(1, nearestTo(TestImages.cifar(2).get(1).bytes(), "127.0.0.1:" + port, requests, results),
                            "image 1, embedded by the query job, finds its row");

                    rest.cancel(ingest);
                    Await.until("the ingest job cancelled", ChangeStream.LIMIT,
                            () -> rest.get("/jobs/" + ingest).get("state").asText().equals("CANCELED"));
                    String again = rest.run(jar, IngestCommand.class.getName(), options(stream), PARALLELISM);
                    try {
                        Await.until("the ingest job running again", ChangeStream.LIMIT, () -> running(rest, again));
                        try (ImagePublisher publisher = new ImagePublisher("127.0.0.1:" + port,
                                stream.settings().kafka().topic())) {
                            publisher.send(1, IngestMessageWriter.delete(1));
                            publisher.flush();
                        }
                        Await.until("the delete after the restart", ChangeStream.LIMIT,
                                () -> !TableRows.read(stream.settings().database()).containsKey(1L));
                    } finally {
                        rest.cancel(again);
                    }
                } finally {
                    rest.cancel(queries);
                }
            }
        }
    }

    /**
     * Rescaling through a savepoint: the ingest job at parallelism 4 stopped with a savepoint mid-stream
     * ({@code POST /jobs/:id/stop}), then run from it at parallelism 2 while the stream goes on. The table ends with
     * exactly the rows of a fault-free run, no message is written twice, and the counters of the resumed job, read from
     * the REST API's metrics, are what it wrote. (DJL in lib/: the job runs again on the same task managers.)
     */
    @Test
    void stoppedWithASavepointAtParallelismFourResumesAtTwoWithoutReprocessing() throws Exception {
        int port = EmbeddedKafka.freePort();
        Map<String, String> config = new HashMap<>(CLUSTER);
        config.put("classloader.parent-first-patterns.additional", "ai.djl.");
        config.put("metrics.fetcher.update-interval", "1000");
        int firstPort = EmbeddedKafka.freePort();
        PrometheusEndpoints prometheus = new PrometheusEndpoints(firstPort, firstPort + 9);
        config.put("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        config.put("metrics.reporter.prom.port", prometheus.portRange());
        try (ChildJvm broker = broker(port); FlinkCluster cluster = FlinkCluster.start(dir.resolve("flink"),
                FlinkClasspath.FLINK_AND_DJL, 2, config)) {
            broker.awaitLine(Pattern.compile(BrokerMain.READY), ChangeStream.LIMIT);
            try (ChangeStream stream = ChangeStream.create("rescale", services, "127.0.0.1:" + port, WIDE)) {
                FlinkRest rest = cluster.rest();
                String jar = rest.upload(jobJar());
                String wide = rest.run(jar, IngestCommand.class.getName(), options(stream), WIDE);
                Await.until("every subtask running", ChangeStream.LIMIT, () -> running(rest, wide));
                stream.publishUntilMidStream();
                Instant stopping = Instant.now();
                String savepoint = rest.stopWithSavepoint(wide, dir.resolve("savepoints").toUri().toString(),
                        ChangeStream.LIMIT);
                Instant stopped = Instant.now();
                String narrow = rest.runFromSavepoint(jar, IngestCommand.class.getName(), options(stream), PARALLELISM,
                        savepoint);
                try {
                    Await.until("the resumed job running", ChangeStream.LIMIT, () -> running(rest, narrow));
                    for (JsonNode vertex : rest.get("/jobs/" + narrow).get("vertices")) {
                        assertEquals(PARALLELISM, vertex.get("parallelism").asInt(), vertex.get("name").asText());
                    }
                    stream.awaitExpectedRows(cluster::tails);
                    assertEquals(0, stream.reprocessed(), "messages written twice");

                    Map<String, Long> resumed = stream.changesAfter(stopped);
                    assertTrue(resumed.values().stream().allMatch(n -> n > 0), "the resumed job did all three: " + resumed);
                    Await.until("the resumed job's counters at " + resumed, ChangeStream.LIMIT,
                            () -> counters(rest, narrow).equals(resumed));
                    assertEquals(0, rest.metricSum(narrow, "dead_lettered"));
                    assertPrometheusSees(prometheus, narrow, resumed);
                    stream.report(String.format("stopped with a savepoint at parallelism %d in %.1f s, resumed from it at "
                                    + "%d, its counters %s", WIDE, Duration.between(stopping, stopped).toMillis() / 1000.0,
                            PARALLELISM, resumed), stopped);
                } finally {
                    rest.cancel(narrow);
                }
            }
        }
    }

    /**
     * The job's metrics as Prometheus scrapes them from the cluster's processes (the job manager and both task
     * managers answer): the sink's counters add up to what the table's write log counted, and every stage's CPU
     * histogram is there.
     */
    private static void assertPrometheusSees(PrometheusEndpoints prometheus, String job, Map<String, Long> changes)
            throws Exception {
        List<String> pages = prometheus.scrape();
        assertEquals(3, pages.size(), "endpoints answering in " + prometheus.portRange());
        String operator = "flink_taskmanager_job_task_operator_imagesearch_";
        assertEquals(changes.get("INSERT"), (long) PrometheusEndpoints.sum(pages, operator + "indexed", job));
        assertEquals(changes.get("UPDATE"), (long) PrometheusEndpoints.sum(pages, operator + "updated", job));
        assertEquals(changes.get("DELETE"), (long) PrometheusEndpoints.sum(pages, operator + "deleted", job));
        for (String stage : List.of("load", "decode", "thumbnail", "embed", "sink")) {
            String histogram = operator + stage + "_cpu_us_count";
            assertTrue(PrometheusEndpoints.sum(pages, histogram, job) > 0, histogram + " in " + pages);
        }
    }

    /** The sink's counters of {@code job} by the kind of change the write log names them. */
    private static Map<String, Long> counters(FlinkRest rest, String job) throws Exception {
        return Map.of("INSERT", rest.metricSum(job, "imagesearch.indexed"),
                "UPDATE", rest.metricSum(job, "imagesearch.updated"),
                "DELETE", rest.metricSum(job, "imagesearch.deleted"));
    }

    private ChildJvm broker(int port) throws IOException {
        return ChildJvm.start(dir.resolve("broker.log"), BrokerMain.class.getName(),
                List.of(dir.resolve("kafka-logs").toString(), Integer.toString(port),
                        Integer.toString(EmbeddedKafka.freePort())));
    }

    /** The stream's brokers, topics and table, and the model by its path on the task managers. */
    private static List<String> options(ChangeStream stream) {
        List<String> options = new ArrayList<>(IngestProcess.options(stream.settings()));
        options.addAll(List.of("--model", stream.settings().model().file()));
        return options;
    }

    /** Asks the query job for the nearest neighbour of {@code image} and returns its id. */
    private static long nearestTo(byte[] image, String bootstrapServers, String requests, String results)
            throws Exception {
        try (ImagePublisher publisher = new ImagePublisher(bootstrapServers, requests);
             TopicReader answers = new TopicReader(bootstrapServers, results)) {
            publisher.send(1, ("{\"request_id\":\"near\",\"image\":{\"bytes\":\""
                    + Base64.getEncoder().encodeToString(image) + "\"},\"k\":3}").getBytes(StandardCharsets.UTF_8));
            publisher.flush();
            Await.until("the answer", ChangeStream.LIMIT, () -> !answers.poll().isEmpty());
            JsonNode answer = answers.poll().get(0);
            return answer.path("results").path(0).path("id").asLong(-1);
        }
    }

    /** Two subtasks of every operator, as submitted, checkpoints every second, as the cluster says; its settings in the UI. */
    private static void assertClusterShape(FlinkRest rest, String job, Settings settings) throws Exception {
        for (JsonNode vertex : rest.get("/jobs/" + job).get("vertices")) {
            assertEquals(PARALLELISM, vertex.get("parallelism").asInt(), vertex.get("name").asText());
        }
        assertEquals(1000, rest.get("/jobs/" + job + "/checkpoints/config").get("interval").asLong());
        JsonNode userConfig = rest.get("/jobs/" + job + "/config").get("execution-config").get("user-config");
        assertEquals(settings.database().table().name(), userConfig.get("table").asText(), userConfig.toString());
        assertEquals(settings.kafka().topic(), userConfig.get("topic").asText());
        assertFalse(userConfig.toString().contains(settings.database().password()), userConfig.toString());
    }

    private static boolean running(FlinkRest rest, String job) throws Exception {
        JsonNode status = rest.get("/jobs/" + job);
        for (JsonNode vertex : status.get("vertices")) {
            if (!vertex.get("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return status.get("state").asText().equals("RUNNING");
    }

    /** The resource ids of the task managers running the job's subtasks now. */
    private static Set<String> taskManagersOf(FlinkRest rest, String job) throws Exception {
        Set<String> ids = new TreeSet<>();
        for (JsonNode vertex : rest.get("/jobs/" + job).get("vertices")) {
            for (JsonNode subtask : rest.get("/jobs/" + job + "/vertices/" + vertex.get("id").asText()).get("subtasks")) {
                ids.add(subtask.get("taskmanager-id").asText());
            }
        }
        return ids;
    }

    /** The job jar {@code mvn package} made before the integration tests. */
    private static Path jobJar() throws IOException {
        try (Stream<Path> jars = Files.list(Settings.projectDir().resolve("target"))) {
            return jars.filter(jar -> jar.getFileName().toString().endsWith("-job.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no job jar in target/: run mvn package"));
        }
    }
}
