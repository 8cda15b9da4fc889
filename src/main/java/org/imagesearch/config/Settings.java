package org.imagesearch.config;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.imagesearch.embed.Descriptor;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.embed.ModelSpec;
import org.imagesearch.embed.Projection;
import org.imagesearch.image.LoaderLimits;
import org.imagesearch.image.Redaction;

/**
 * Every setting of the pipeline and the query side in one typed place. Each part comes from an option group
 * ({@link SettingsBuilder}): a command-line option, else the environment variable {@code IMAGE_SEARCH_<OPTION>},
 * else the group's default; the README's configuration table lists the same names. Each part validates itself
 * when it is made, so a {@code Settings} that exists is usable. Serializable, because the Flink operators carry
 * the parts they need to their tasks.
 */
public record Settings(Kafka kafka, Database database, Model model, LoaderLimits loader, Job job, Search search,
                       QueryTopics queryTopics, Service service) implements Serializable {
    /** SqueezeNet's vector sizes: the classifier's 1000 outputs, the trunk's 512 channels. */
    public static final int LOGITS_DIMENSION = 1000;
    public static final int POOLED_DIMENSION = 512;

    /** Kafka topics and consumer behaviour. */
    public record Kafka(String bootstrapServers, String topic, String deadLetterTopic, String alertTopic,
                        String groupId, StartOffsets startOffsets) implements Serializable {
        public Kafka withBootstrapServers(String servers) {
            return new Kafka(servers, topic, deadLetterTopic, alertTopic, groupId, startOffsets);
        }

        public Kafka withStartOffsets(StartOffsets offsets) {
            return new Kafka(bootstrapServers, topic, deadLetterTopic, alertTopic, groupId, offsets);
        }

        /** The same broker, another topic read by another consumer group (the query job's requests). */
        public Kafka reading(String otherTopic, String otherGroupId) {
            return new Kafka(bootstrapServers, otherTopic, deadLetterTopic, alertTopic, otherGroupId, startOffsets);
        }
    }

    /** Where the first run of a consumer group starts reading; later runs resume from committed offsets. */
    public enum StartOffsets { COMMITTED, EARLIEST, LATEST }

    /**
     * PostgreSQL connection, the vector table and the distance under which ingest marks near-duplicates (null: off,
     * see {@link DuplicateDistance}). No password is printed, nor one inside the URL.
     */
    public record Database(String jdbcUrl, String user, String password, TableSpec table, Double duplicateDistance)
            implements Serializable {
        public Database withTable(TableSpec newTable) {
            return new Database(jdbcUrl, user, password, newTable, duplicateDistance);
        }

        public Database withDuplicateDistance(Double distance) {
            return new Database(jdbcUrl, user, password, table, distance);
        }

        @Override
        public String toString() {
            return "Database[jdbcUrl=" + Redaction.text(jdbcUrl) + ", user=" + user + ", password=***, table=" + table
                    + ", duplicateDistance=" + duplicateDistance + "]";
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

    /**
     * Flink job shape: parallelism and checkpoint interval when given, else null, and JDBC batching. Null leaves
     * them to the Flink environment the job is added to: {@code flink run -p}, {@code parallelism.default} and
     * {@code execution.checkpointing.interval} on a cluster, one subtask per core and 10 s checkpoints in local runs.
     * (Null rather than Optional, which is not serializable, and the operators carry their settings.)
     */
    /**
     * How the job runs: parallelism, checkpoints, the micro-batches the model embeds together (up to
     * {@code embedBatchSize} images, null for {@link #embedBatchSizeFor the input size's}, the first waiting at most
     * {@code embedBatchWait}) and the JDBC batches.
     */
    public record Job(Integer parallelism, Duration checkpointInterval, Integer embedBatchSize, Duration embedBatchWait,
                      int sinkBatchSize, Duration sinkBatchInterval) implements Serializable {
        public static final Duration DEFAULT_EMBED_BATCH_WAIT = Duration.ofMillis(20);
        /**
         * Pixels of model input a batch holds by default: 8 images at 112 px, 2 at 224. Measured with bench model on
         * this project's 2 cores (README, Performance): at 112 px batches of 8 cost 22% less CPU per image than one at
         * a time and 16 or 32 more than 8; at 224 px 2-4 cost 10% less and 8 or more cost more than one at a time, as
         * a larger batch's activations no longer fit the CPU's caches.
         */
        private static final int BATCH_PIXELS = 8 * 112 * 112;

        public Job {
            if (parallelism != null && parallelism < 1) {
                throw new IllegalArgumentException("--parallelism must be at least 1");
            }
            if (checkpointInterval != null && checkpointInterval.toMillis() < 1) {
                throw new IllegalArgumentException("--checkpoint-interval-ms must be at least 1");
            }
            if (embedBatchSize != null && embedBatchSize < 1) {
                throw new IllegalArgumentException("--embed-batch-size must be at least 1");
            }
            if (embedBatchWait.isNegative()) {
                throw new IllegalArgumentException("--embed-batch-wait-ms must be at least 0");
            }
            if (sinkBatchSize < 1) {
                throw new IllegalArgumentException("--sink-batch-size must be at least 1");
            }
        }

        /** With the default micro-batches of the model. */
        public Job(Integer parallelism, Duration checkpointInterval, int sinkBatchSize, Duration sinkBatchInterval) {
            this(parallelism, checkpointInterval, null, DEFAULT_EMBED_BATCH_WAIT, sinkBatchSize, sinkBatchInterval);
        }

        /** The given batch size, else as many images of {@code inputSize} as {@link #BATCH_PIXELS} holds, at least 1. */
        public int embedBatchSizeFor(int inputSize) {
            return embedBatchSize != null ? embedBatchSize : Math.max(1, BATCH_PIXELS / (inputSize * inputSize));
        }

        /** The given parallelism, else {@code environments}. */
        public int parallelismOr(int environments) {
            return parallelism != null ? parallelism : environments;
        }

        public Job withParallelism(int newParallelism) {
            return new Job(newParallelism, checkpointInterval, embedBatchSize, embedBatchWait, sinkBatchSize,
                    sinkBatchInterval);
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

    /**
     * Where the search service listens, the host names it answers to, and its limits: request body size, requests per
     * minute per client address, pixels of a query image.
     */
    public record Service(String host, int port, long maxUploadBytes, int requestsPerMinute, long maxQueryPixels,
                          List<String> allowedHosts) implements Serializable {
        public Service {
            if (maxUploadBytes < 1 || requestsPerMinute < 1 || maxQueryPixels < 1) {
                throw new IllegalArgumentException(
                        "--max-upload-bytes, --requests-per-minute and --max-query-pixels must be positive");
            }
            allowedHosts = List.copyOf(allowedHosts);
        }

        public Service withRequestsPerMinute(int perMinute) {
            return new Service(host, port, maxUploadBytes, perMinute, maxQueryPixels, allowedHosts);
        }
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

    /** Images the ingest job's model embeds in one pass. */
    public int embedBatchSize() {
        return job.embedBatchSizeFor(model.descriptor().inputSize());
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
}
