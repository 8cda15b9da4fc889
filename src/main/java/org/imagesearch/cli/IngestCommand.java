package org.imagesearch.cli;

import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.JobOptions;
import org.imagesearch.config.KafkaOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.ingest.IngestJob;
import org.imagesearch.store.SettingsResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ingest}: the ingest job against the configured Kafka and PostgreSQL, until cancelled. Also the job
 * jar's entry point: {@code flink run image-search-job.jar [options]}.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = {
        "Run the ingest job against the configured Kafka and PostgreSQL; blocks.",
        "From bin/image-search it runs on a local MiniCluster; the job jar runs it on a Flink cluster "
                + "(flink run image-search-job.jar [options]). Creates the table and index if missing."})
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    private KafkaOptions kafka;
    @Mixin
    private EmbeddingOptions embedding;
    @Mixin
    private JobOptions job;

    /** Entry point of the job jar on a Flink cluster. */
    public static void main(String[] args) throws Exception {
        JobEntryPoint.run(new IngestCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        Settings configured = new SettingsBuilder().with(kafka).with(embedding).with(job).build();
        Settings settings = SettingsResolver.resolveForWriting(configured, embedding.projection(), false);
        settings.modelSpec().check();
        IngestJob.fromSettings(settings).execute(StreamExecutionEnvironment.getExecutionEnvironment());
        return 0;
    }
}
