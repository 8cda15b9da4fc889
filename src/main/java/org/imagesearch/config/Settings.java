package org.imagesearch.config;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imagesearch.embed.Descriptor;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.embed.DistanceMetric;
import org.imagesearch.embed.ModelSpec;
import org.imagesearch.embed.Projection;
import org.imagesearch.image.LoaderLimits;

/**
 * Every setting of the pipeline and the query side in one typed place. Each comes from a command-line
 * option, else from the environment variable {@code IMAGE_SEARCH_<OPTION>}, else from the default below;
 * the README's configuration table lists the same names. Each part validates itself when it is made, so
 * a {@code Settings} that exists is usable. Serializable, because the Flink operators carry the parts they
 * need to their tasks.
 */
public record Settings(Kafka kafka, Database database, Model model, LoaderLimits loader, Job job, Search search,
                       QueryTopics queryTopics, Service service) implements Serializable {
    /** SqueezeNet's vector sizes: the classifier's 1000 outputs, the trunk's 512 channels. */
    public static final int LOGITS_DIMENSION = 1000;
    public static final int POOLED_DIMENSION = 512;

    /** Kafka topics and consumer behaviour. */
    public record Kafka(String bootstrapServers, String topic, String deadLetterTopic, String groupId,
                        StartOffsets startOffsets) implements Serializable {
        public Kafka withBootstrapServers(String servers) {
            return new Kafka(servers, topic, deadLetterTopic, groupId, startOffsets);
        }

        public Kafka withStartOffsets(StartOffsets offsets) {
            return new Kafka(bootstrapServers, topic, deadLetterTopic, groupId, offsets);
        }

        /** The same broker, another topic read by another consumer group (the query job's requests). */
        public Kafka reading(String otherTopic, String otherGroupId) {
            return new Kafka(bootstrapServers, otherTopic, deadLetterTopic, otherGroupId, startOffsets);
        }
    }

    /** Where the first run of a consumer group starts reading; later runs resume from committed offsets. */
    public enum StartOffsets { COMMITTED, EARLIEST, LATEST }

    /** PostgreSQL connection and the vector table. The password is never printed. */
    public record Database(String jdbcUrl, String user, String password, TableSpec table) implements Serializable {
        public Database withTable(TableSpec newTable) {
            return new Database(jdbcUrl, user, password, newTable);
        }

        @Override
        public String toString() {
            return "Database[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=***, table=" + table + "]";
        }
    }

    /**
     * The TorchScript model file, the name recorded with every row it embeds, and the descriptor made from
     * its output, with the stored projection it applies once one is resolved ({@code SettingsResolver}).
     */
    public record Model(String file, String name, Descriptor descriptor) implements Serializable {
        public Path path() {
            return Path.of(file);
        }

        public DescriptorTag tag() {
            return descriptor.tag(name);
        }
    }

    /** The default descriptor: GeM-pooled trunk features at 112, the best measured trade-off (README). */
    public static final String DEFAULT_DESCRIPTOR = "gem";
    public static final double DEFAULT_GEM_P = 3;
    public static final int DEFAULT_INPUT_SIZE = 112;
    public static final int DEFAULT_QUERY_EXPANSION = 0;

    /** Flink job shape: parallelism, checkpoints and JDBC batching. */
    public record Job(int parallelism, Duration checkpointInterval, int sinkBatchSize, Duration sinkBatchInterval)
            implements Serializable {
        public Job {
            if (parallelism < 1) {
                throw new IllegalArgumentException("--parallelism must be at least 1");
            }
            if (sinkBatchSize < 1) {
                throw new IllegalArgumentException("--sink-batch-size must be at least 1");
            }
        }
    }

    /**
     * How searches run unless a query says otherwise: the HNSW ef_search and query expansion (top answers
     * blended into a second query, 0 for none).
     */
    public record Search(int efSearch, int queryExpansion) implements Serializable {
        public Search {
            if (efSearch < 1 || efSearch > 1000) {
                throw new IllegalArgumentException("--ef-search must be in 1..1000, got " + efSearch);
            }
            if (queryExpansion < 0 || queryExpansion > 50) {
                throw new IllegalArgumentException("--query-expansion must be in 0..50, got " + queryExpansion);
            }
        }
    }

    /** The query job's topics: requests in, answers out. */
    public record QueryTopics(String requestsTopic, String resultsTopic) implements Serializable {}

    /** Where the search service listens and its limits: upload size, requests per minute per client address. */
    public record Service(String host, int port, long maxUploadBytes, int requestsPerMinute) implements Serializable {
        public Service {
            if (maxUploadBytes < 1 || requestsPerMinute < 1) {
                throw new IllegalArgumentException("--max-upload-bytes and --requests-per-minute must be positive");
            }
        }
    }

    public static final Set<String> OPTIONS = new TreeSet<>(Arrays.asList(
            "bootstrap-servers", "topic", "dead-letter-topic", "group-id", "start-offsets",
            "jdbc-url", "db-user", "db-password", "table", "dimension", "distance", "hnsw-m", "hnsw-ef-construction",
            "model", "model-name", "descriptor", "gem-p", "input-size", "projection",
            "file-roots", "http-connect-timeout-ms", "http-read-timeout-ms", "max-image-bytes", "max-pixels",
            "parallelism", "checkpoint-interval-ms", "sink-batch-size", "sink-batch-interval-ms",
            "ef-search", "query-expansion", "requests-topic", "results-topic", "host", "port", "max-upload-bytes", "requests-per-minute"));

    public static Settings from(Options options) {
        Kafka kafka = new Kafka(
                options.get("bootstrap-servers", "localhost:9092"),
                options.get("topic", "image-ingest"),
                options.get("dead-letter-topic", "image-ingest-dlq"),
                options.get("group-id", "image-search-ingest"),
                parseStartOffsets(options.get("start-offsets", "committed")));
        Descriptor descriptor = Descriptor.of(options.get("descriptor", DEFAULT_DESCRIPTOR),
                options.getDouble("gem-p", DEFAULT_GEM_P), options.getInt("input-size", DEFAULT_INPUT_SIZE));
        TableSpec table = new TableSpec(
                options.get("table", "image_search"),
                options.getInt("dimension", descriptor.pooled() ? POOLED_DIMENSION : LOGITS_DIMENSION),
                DistanceMetric.parse(options.get("distance", descriptor.naturalDistance().name().toLowerCase())),
                options.getInt("hnsw-m", 16),
                options.getInt("hnsw-ef-construction", 64));
        Database database = new Database(
                options.get("jdbc-url", "jdbc:postgresql://127.0.0.1:55432/imagesearch"),
                options.get("db-user", "imagesearch"),
                options.get("db-password", "imagesearch"),
                table);
        Path modelPath = Path.of(options.get("model", defaultModelPath(descriptor).toString()));
        Model model = new Model(modelPath.toString(), options.get("model-name", modelNameOf(modelPath)), descriptor);
        LoaderLimits loader = new LoaderLimits(
                parseRoots(options.get("file-roots", "")),
                Duration.ofMillis(options.getLong("http-connect-timeout-ms", 5_000)),
                Duration.ofMillis(options.getLong("http-read-timeout-ms", 10_000)),
                options.getLong("max-image-bytes", 20L * 1024 * 1024),
                options.getLong("max-pixels", 40_000_000L));
        Job job = new Job(
                options.getInt("parallelism", Runtime.getRuntime().availableProcessors()),
                Duration.ofMillis(options.getLong("checkpoint-interval-ms", 10_000)),
                options.getInt("sink-batch-size", 100),
                Duration.ofMillis(options.getLong("sink-batch-interval-ms", 100)));
        Search search = new Search(
                options.getInt("ef-search", 40),
                options.getInt("query-expansion", DEFAULT_QUERY_EXPANSION));
        QueryTopics queryTopics = new QueryTopics(
                options.get("requests-topic", "image-queries"),
                options.get("results-topic", "image-query-results"));
        Service service = new Service(
                options.get("host", "127.0.0.1"),
                options.getInt("port", 8080),
                options.getLong("max-upload-bytes", 10L * 1024 * 1024),
                options.getInt("requests-per-minute", 600));
        return new Settings(kafka, database, model, loader, job, search, queryTopics, service);
    }

    public Settings withKafka(Kafka newKafka) {
        return new Settings(newKafka, database, model, loader, job, search, queryTopics, service);
    }

    public Settings withDatabase(Database newDatabase) {
        return new Settings(kafka, newDatabase, model, loader, job, search, queryTopics, service);
    }

    public Settings withTable(TableSpec newTable) {
        return withDatabase(database.withTable(newTable));
    }

    public Settings withModel(Model newModel) {
        return new Settings(kafka, database, newModel, loader, job, search, queryTopics, service);
    }

    public Settings withLoader(LoaderLimits newLoader) {
        return new Settings(kafka, database, model, newLoader, job, search, queryTopics, service);
    }

    public Settings withJob(Job newJob) {
        return new Settings(kafka, database, model, loader, newJob, search, queryTopics, service);
    }

    public Settings withService(Service newService) {
        return new Settings(kafka, database, model, loader, job, search, queryTopics, newService);
    }

    /** The same settings with a resolved projection (or none): the table then stores its output size. */
    public Settings withProjection(Projection projection) {
        TableSpec table = database.table();
        return withModel(new Model(model.file(), model.name(), model.descriptor().withProjection(projection)))
                .withTable(projection == null ? table : table.withDimension(projection.outputDim()));
    }

    /** What the embedding operators and query front ends load: the model and the vectors the table takes. */
    public ModelSpec modelSpec() {
        return new ModelSpec(model.file(), model.name(), model.descriptor(), database.table().dimension());
    }

    /** The project folder: set by bin/image-search and the build, else the working directory. */
    public static Path projectDir() {
        String dir = System.getenv("IMAGE_SEARCH_PROJECT_DIR");
        return Path.of(dir == null || dir.isEmpty() ? "." : dir).toAbsolutePath().normalize();
    }

    /** The shared models and data sets live beside the checkout, in {@code ../shared}. */
    public static Path sharedDir() {
        String dir = System.getenv("IMAGE_SEARCH_SHARED_DIR");
        return dir == null || dir.isEmpty() ? projectDir().resolveSibling("shared") : Path.of(dir);
    }

    /** The classifier for logits, the trunk (last Fire module's feature map) for pooled descriptors. */
    public static Path defaultModelPath(Descriptor descriptor) {
        return sharedDir().resolve("models").resolve(descriptor.pooled() ? "squeezenet1_0-features.pt"
                : "squeezenet1_0.pt");
    }

    public static Path defaultDataset() {
        return sharedDir().resolve("datasets").resolve("cifar-10-binary").resolve("train.bin");
    }

    private static StartOffsets parseStartOffsets(String value) {
        try {
            return StartOffsets.valueOf(value.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--start-offsets must be committed, earliest or latest, got '" + value + "'");
        }
    }

    static String modelNameOf(Path modelPath) {
        String file = modelPath.getFileName().toString();
        return file.endsWith(".pt") ? file.substring(0, file.length() - 3) : file;
    }

    private static List<String> parseRoots(String roots) {
        return Arrays.stream(roots.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().normalize())
                .peek(p -> {
                    if (!Files.isDirectory(p)) {
                        throw new IllegalArgumentException("--file-roots entry is not a folder: " + p);
                    }
                })
                .map(Path::toString)
                .toList();
    }
}
