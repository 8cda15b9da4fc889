package org.imagesearch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.FlinkRestOptions;
import org.imagesearch.config.JobOptions;
import org.imagesearch.config.KafkaOptions;
import org.imagesearch.config.Recovery;
import org.imagesearch.config.RecoveryOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.config.SubmitOptions;
import org.imagesearch.flink.JobEnvironment;
import org.imagesearch.ingest.DurableState;
import org.imagesearch.ingest.IngestJob;
import org.imagesearch.kafka.KafkaReachability;
import org.imagesearch.local.LocalFlink;
import org.imagesearch.store.SettingsResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ingest}: the ingest job against the configured Kafka and PostgreSQL, until cancelled. Also the job
 * jar's entry point: {@code flink run image-search-job.jar [options]}.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = {
        "Run the ingest job against the configured Kafka and PostgreSQL; blocks.",
        "From bin/image-search it runs on a local MiniCluster and first checks Kafka, the model and the table; the "
                + "job jar runs it on a Flink cluster (flink run image-search-job.jar [options]), whose -p, "
                + "parallelism.default and execution.checkpointing.interval apply unless --parallelism and "
                + "--checkpoint-interval-ms are given. The table and index are created if missing."})
public final class IngestCommand implements Callable<Integer> {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;
    @Mixin
    private KafkaOptions kafka;
    @Mixin
    private EmbeddingOptions embedding;
    @Mixin
    private JobOptions job;
    @Mixin
    private RecoveryOptions recoveryOptions;
    @Mixin
    private SubmitOptions submit;
    @Mixin
    private FlinkRestOptions rest;
    /** On a cluster, the cluster's configuration decides restarts and where the REST API listens. */
    private boolean onCluster;

    /** Entry point of the job jar on a Flink cluster. */
    public static void main(String[] args) throws Exception {
        IngestCommand command = new IngestCommand();
        command.onCluster = true;
        JobEntryPoint.run(command, args);
    }

    @Override
    public Integer call() throws Exception {
        Settings configured = new SettingsBuilder().with(kafka).with(embedding).with(job).build();
        Recovery recovery = recoveryOptions.recovery();
        DurableState state = DurableState.of(recovery);
        Configuration config = state.configuration();
        if (!onCluster) {
            config.addAll(LocalFlink.restartingWithBackoff(LocalFlink.configuration(rest.address(), rest.ports())));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        PrintWriter out = spec.commandLine().getOut();
        out.println(banner(configured, recovery, state, env));
        out.flush();
        IngestJob ingest = IngestJob.fromSettings(submit.checkHere(onCluster) ? checked(configured)
                : SettingsResolver.resolve(configured, embedding.projection()));
        if (onCluster) {
            // Flink's client decides whether this waits for the job's end (flink run) or only its submission (-d).
            ingest.execute(env);
            return 0;
        }
        JobClient client = ingest.start(env);
        recovery.savepointDir().ifPresent(dir -> Runtime.getRuntime().addShutdownHook(
                new SavepointOnShutdown(client, dir, out, spec.commandLine().getErr())));
        client.getJobExecutionResult().get();
        return 0;
    }

    /** The settings resolved after Kafka, the table (created if missing) and the model have been checked here. */
    private Settings checked(Settings configured) {
        KafkaReachability.check(configured.kafka().bootstrapServers(), KAFKA_TIMEOUT);
        Settings settings = SettingsResolver.resolveForWriting(configured, embedding.projection(), false);
        settings.modelSpec().check();
        return settings;
    }

    private static String banner(Settings settings, Recovery recovery, DurableState state,
                                 StreamExecutionEnvironment env) {
        return "image-search ingest: Kafka " + settings.kafka().bootstrapServers()
                + ", topic " + settings.kafka().topic()
                + ", table " + settings.database().table().name()
                + ", parallelism " + JobEnvironment.parallelism(env, settings.job())
                + ", checkpoints " + (JobEnvironment.checkpointing(env, settings.job())
                        ? recovery.checkpointDir().orElse("in memory") : "off")
                + ", " + state.restoreFrom().map(path -> "resuming from " + path).orElse("starting afresh");
    }
}
