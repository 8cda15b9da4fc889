package org.imagesearch.cli;

import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.FlinkRestOptions;
import org.imagesearch.config.JobOptions;
import org.imagesearch.config.KafkaOptions;
import org.imagesearch.config.QueryTopicOptions;
import org.imagesearch.config.SearchOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.config.SubmitOptions;
import org.imagesearch.local.LocalFlink;
import org.imagesearch.queryjob.QueryJob;
import org.imagesearch.store.SettingsResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code query-job}: lookups from the requests topic answered on the results topic, until cancelled. On a
 * cluster: {@code flink run -c org.imagesearch.cli.QueryJobCommand image-search-job.jar [options]}.
 */
@Command(name = "query-job", mixinStandardHelpOptions = true, description = {
        "Run the query job: requests topic in, answers on the results topic, keyed like the request; blocks.",
        "From bin/image-search it runs on a local MiniCluster and first checks the model and the table; on a Flink "
                + "cluster: flink run -c org.imagesearch.cli.QueryJobCommand image-search-job.jar [options], whose -p, "
                + "parallelism.default and execution.checkpointing.interval apply unless --parallelism and "
                + "--checkpoint-interval-ms are given.",
        "Answers from the table the alias named like --table points to, checked again every 2 s (see reindex)."})
public final class QueryJobCommand implements Callable<Integer> {
    @Mixin
    private KafkaOptions kafka;
    @Mixin
    private QueryTopicOptions topics;
    @Mixin
    private EmbeddingOptions embedding;
    @Mixin
    private JobOptions job;
    @Mixin
    private SearchOptions search;
    @Mixin
    private SubmitOptions submit;
    @Mixin
    private FlinkRestOptions rest;
    /** On a cluster, the cluster's configuration decides the job's shape and where the REST API listens. */
    private boolean onCluster;

    /** Entry point on a Flink cluster. */
    public static void main(String[] args) throws Exception {
        QueryJobCommand command = new QueryJobCommand();
        command.onCluster = true;
        JobEntryPoint.run(command, args);
    }

    @Override
    public Integer call() throws Exception {
        Settings configured = new SettingsBuilder().with(kafka).with(topics).with(embedding).with(job).with(search)
                .build();
        Settings settings = submit.checkHere(onCluster) ? checked(configured)
                : SettingsResolver.resolve(configured, embedding.projection());
        // Outside a cluster the job runs in this JVM, whose Flink REST endpoint must stay on loopback.
        Configuration config = onCluster ? new Configuration() : LocalFlink.configuration(rest.address(), rest.ports());
        QueryJob.fromSettings(settings).execute(StreamExecutionEnvironment.getExecutionEnvironment(config));
        return 0;
    }

    /** The settings resolved after the table's vectors and the model have been checked here. */
    private Settings checked(Settings configured) {
        Settings settings = SettingsResolver.resolveForFollowing(configured, embedding.projection(), false);
        settings.modelSpec().check();
        return settings;
    }
}
