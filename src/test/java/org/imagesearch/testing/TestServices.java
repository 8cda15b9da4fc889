package org.imagesearch.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.imagesearch.config.Settings;
import org.imagesearch.config.TableSpec;
import org.imagesearch.local.EmbeddedKafka;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real services the integration tests share: one PostgreSQL + pgvector server and one Kafka broker
 * per test run, started on first use and stopped when the run ends. Each test takes its own topics and
 * tables from {@link #uniqueName}.
 */
public final class TestServices implements ExtensionContext.Store.CloseableResource {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestServices instance;

    private final LocalPostgres postgres;
    private final EmbeddedKafka kafka;

    private TestServices(LocalPostgres postgres, EmbeddedKafka kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Starts the services once; JUnit closes them after the last test of the run. */
    public static synchronized TestServices get(ExtensionContext context) throws Exception {
        if (instance == null) {
            LocalPostgres postgres = LocalPostgres.start();
            EmbeddedKafka kafka = EmbeddedKafka.start();
            instance = new TestServices(postgres, kafka);
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(TestServices.class, instance);
        }
        return instance;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** A connection to the test server for {@code table}, with the default descriptor's dimension and distance. */
    public Settings.Database database(String table) {
        TableSpec defaults = TestSettings.parse().database().table();
        return postgres.database(new TableSpec(table, defaults.dimension(), defaults.distance(), 16, 64));
    }

    /**
     * Kafka settings on the test broker with topics of their own, made now: {@code <name>-in} with {@code partitions}
     * partitions, {@code <name>-dlq} and {@code <name>-alerts} with one, read by consumer group {@code <name>} from the earliest offsets.
     */
    public Settings.Kafka topics(String name, int partitions) {
        Settings.Kafka topics = new Settings.Kafka(kafka.bootstrapServers(), name + "-in", name + "-dlq", name + "-alerts", name,
                Settings.StartOffsets.EARLIEST);
        kafka.createTopic(topics.topic(), partitions);
        kafka.createTopic(topics.deadLetterTopic(), 1);
        kafka.createTopic(topics.alertTopic(), 1);
        return topics;
    }

    public static String uniqueName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }

    @Override
    public synchronized void close() throws Exception {
        try {
            kafka.close();
        } finally {
            postgres.close();
            instance = null;
        }
    }
}
