package org.imagesearch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.imagesearch.kafka.MessageSizes;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM on loopback. By
 * default on free ports and a temporary log folder, deleted on {@link #close()}; for the demo, benchmarks and
 * tests. {@link #startKeeping} runs it on given ports and a log folder that survives it, so a broker killed
 * with its process can be started again with its topics, messages and committed offsets.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaRaftServer server;
    private final Path logDir;
    private final String bootstrapServers;
    private final boolean deleteLogDir;

    private EmbeddedKafka(KafkaRaftServer server, Path logDir, String bootstrapServers, boolean deleteLogDir) {
        this.server = server;
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
        this.deleteLogDir = deleteLogDir;
    }

    public static EmbeddedKafka start() {
        try {
            return start(Files.createTempDirectory("image-search-kafka"), freePort(), freePort(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On {@code brokerPort}, keeping {@code logDir}: formatted on first use, reused as it is afterwards. */
    public static EmbeddedKafka startKeeping(Path logDir, int brokerPort, int controllerPort) {
        return start(logDir, brokerPort, controllerPort, false);
    }

    private static EmbeddedKafka start(Path logDir, int brokerPort, int controllerPort, boolean deleteLogDir) {
        try {
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", logDir.toString());
            props.put("num.partitions", "1");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "false");
            KafkaConfig config = KafkaConfig.fromProps(props, false);

            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            return new EmbeddedKafka(server, logDir, "127.0.0.1:" + brokerPort, deleteLogDir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    private static void format(Path logDir) throws Exception {
        // The storage tool's main() calls System.exit; its Formatter does the same work in-process.
        new Formatter()
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(1)
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                .run();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topic if it does not exist yet. */
    public void createTopic(String name, int partitions) {
        createTopic(bootstrapServers, name, partitions);
    }

    /**
     * Creates the topic on the broker at {@code bootstrapServers} if it does not exist yet, taking messages
     * up to {@link MessageSizes#MAX_INGEST_MESSAGE_BYTES} (inline images over Kafka's default of 1 MB).
     */
    public static void createTopic(String bootstrapServers, String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(Set.of(new NewTopic(name, partitions, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                            Integer.toString(MessageSizes.MAX_INGEST_MESSAGE_BYTES))))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (!deleteLogDir) {
            return;
        }
        try (Stream<Path> files = Files.walk(logDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
