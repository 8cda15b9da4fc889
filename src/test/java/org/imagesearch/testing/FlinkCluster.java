package org.imagesearch.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imagesearch.local.EmbeddedKafka;

/**
 * A standalone Flink session cluster on this machine: a job manager ({@code StandaloneSessionClusterEntrypoint}) and
 * task managers ({@code TaskManagerRunner}), each a JVM of its own, started as Flink's scripts start them (memory
 * options from {@code BashJavaUtils}) from a generated configuration folder and the classpath of a Flink distribution's
 * {@code lib/} ({@link FlinkClasspath}). Everything listens on loopback; task manager {@code i} has the resource id {@code tm-i}.
 */
public final class FlinkCluster implements AutoCloseable {
    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final Pattern JVM_PARAMS = Pattern.compile("BASH_JAVA_UTILS_EXEC_RESULT:(-X.*)");
    private static final Pattern DYNAMIC_CONFIGS = Pattern.compile("BASH_JAVA_UTILS_EXEC_RESULT:(-D .*)");
    /** What a Flink distribution's config.yaml gives every process on Java 17 ({@code env.java.default-opts.all}). */
    private static final List<String> JAVA_17_OPTS = Stream.of("java.lang", "java.net", "java.io", "java.nio",
                    "sun.nio.ch", "java.lang.reflect", "java.text", "java.time", "java.util", "java.util.concurrent",
                    "java.util.concurrent.atomic", "java.util.concurrent.locks")
            .map(pkg -> "--add-opens=java.base/" + pkg + "=ALL-UNNAMED").toList();

    private final Path dir;
    private final Path conf;
    private final String classpath;
    private final FlinkRest rest;
    private final List<ChildJvm> processes = new ArrayList<>();
    private final Map<String, ChildJvm> taskManagers = new LinkedHashMap<>();

    private FlinkCluster(Path dir, Path conf, String classpath, FlinkRest rest) {
        this.dir = dir;
        this.conf = conf;
        this.classpath = classpath;
        this.rest = rest;
    }

    /**
     * Starts the job manager and {@code taskManagers} task managers of two slots each, on {@code lib}, with
     * {@code configuration} over the cluster's own settings, and returns once every task manager has registered.
     */
    public static FlinkCluster start(Path dir, FlinkClasspath lib, int taskManagers, Map<String, String> configuration)
            throws Exception {
        int restPort = EmbeddedKafka.freePort();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobmanager.rpc.address", "127.0.0.1");
        config.put("jobmanager.rpc.port", Integer.toString(EmbeddedKafka.freePort()));
        config.put("jobmanager.bind-host", "127.0.0.1");
        config.put("jobmanager.memory.process.size", "1024m");
        config.put("rest.address", "127.0.0.1");
        config.put("rest.bind-address", "127.0.0.1");
        config.put("rest.port", Integer.toString(restPort));
        // the job jar carries DJL's PyTorch natives: 150 MB, over the default 100 MB of an upload
        config.put("rest.server.max-content-length", Integer.toString(512 * 1024 * 1024));
        config.put("web.tmpdir", dir.resolve("web").toString());
        config.put("taskmanager.host", "127.0.0.1");
        config.put("taskmanager.bind-host", "127.0.0.1");
        config.put("taskmanager.numberOfTaskSlots", "2");
        config.put("taskmanager.memory.process.size", "1280m");
        config.put("taskmanager.memory.managed.size", "32m");
        config.put("io.tmp.dirs", dir.resolve("tmp").toString());
        // a killed task manager is declared lost within seconds rather than the default 50
        config.put("heartbeat.interval", "1000");
        config.put("heartbeat.timeout", "8000");
        // every task manager gets subtasks, so killing one kills part of the job
        config.put("taskmanager.load-balance.mode", "SLOTS");
        config.putAll(configuration);

        Path conf = Files.createDirectories(dir.resolve("conf"));
        StringBuilder yaml = new StringBuilder();
        config.forEach((key, value) -> yaml.append(key).append(": '").append(value.replace("'", "''")).append("'\n"));
        Files.writeString(conf.resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("log4j.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.console.ref = console",
                "appender.console.name = console",
                "appender.console.type = Console",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                "logger.kafka.name = org.apache.kafka",
                "logger.kafka.level = WARN", ""), StandardCharsets.UTF_8);

        FlinkCluster cluster = new FlinkCluster(dir, conf, lib.resolve(),
                new FlinkRest(URI.create("http://127.0.0.1:" + restPort)));
        try {
            cluster.startJobManager();
            for (int i = 1; i <= taskManagers; i++) {
                cluster.startTaskManager("tm-" + i);
            }
            Await.until(taskManagers + " task managers", LIMIT,
                    () -> cluster.rest.get("/overview").get("taskmanagers").asInt() == taskManagers);
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    public FlinkRest rest() {
        return rest;
    }

    /** SIGKILL to task manager {@code resourceId}, as a crash or an OOM killer would. */
    public void killTaskManager(String resourceId) throws InterruptedException {
        taskManagers.get(resourceId).kill();
    }

    /** The last lines of every process's output, for failure messages. */
    public String tails() throws IOException {
        StringBuilder tails = new StringBuilder();
        for (ChildJvm process : processes) {
            tails.append("\n--- ").append(process).append(":\n").append(process.tail());
        }
        return tails.toString();
    }

    private void startJobManager() throws Exception {
        ChildJvm jobManager = process("jobmanager", JOB_MANAGER, "GET_JM_RESOURCE_PARAMS", List.of());
        processes.add(jobManager);
        Await.until("the job manager's REST API", LIMIT, () -> {
            if (!jobManager.isAlive()) {
                throw new AssertionError("the job manager exited:\n" + jobManager.tail());
            }
            return answers();
        });
    }

    private void startTaskManager(String resourceId) throws Exception {
        ChildJvm taskManager = process(resourceId, TASK_MANAGER, "GET_TM_RESOURCE_PARAMS",
                List.of("-D", "taskmanager.resource-id=" + resourceId));
        processes.add(taskManager);
        taskManagers.put(resourceId, taskManager);
    }

    /** Asks BashJavaUtils for the process's JVM options and memory settings, as Flink's scripts do, then starts it. */
    private ChildJvm process(String name, String mainClass, String resourceParams, List<String> dynamic)
            throws Exception {
        ChildJvm utils = ChildJvm.start(dir.resolve(name + "-memory.log"), classpath, List.of(), BASH_JAVA_UTILS,
                List.of(resourceParams, "--configDir", conf.toString()));
        List<String> jvm = new ArrayList<>(Arrays.asList(utils.awaitLine(JVM_PARAMS, LIMIT).split(" ")));
        List<String> args = new ArrayList<>(List.of("--configDir", conf.toString()));
        args.addAll(Arrays.asList(utils.awaitLine(DYNAMIC_CONFIGS, LIMIT).split(" ")));
        args.addAll(dynamic);
        jvm.addAll(JAVA_17_OPTS);
        jvm.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        return ChildJvm.start(dir.resolve(name + ".log"), classpath, jvm, mainClass, args);
    }

    private boolean answers() {
        try {
            rest.get("/overview");
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (ChildJvm process : processes) {
            process.close();
        }
    }
}
