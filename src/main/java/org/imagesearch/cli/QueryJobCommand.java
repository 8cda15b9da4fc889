package org.imagesearch.cli;

import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.FlinkRestOptions;
import org.imagesearch.config.JobOptions;
import org.imagesearch.config.KafkaOptions;
import org.imagesearch.config.QueryTopicOptions;
import org.imagesearch.config.SearchOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
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
        "On a Flink cluster: flink run -c org.imagesearch.cli.QueryJobCommand image-search-job.jar [options]."})
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
    private FlinkRestOptions rest;

    /** Entry point on a Flink cluster. */
    public static void main(String[] args) throws Exception {
        JobEntryPoint.run(new QueryJobCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        Settings configured = new SettingsBuilder().with(kafka).with(topics).with(embedding).with(job).with(search)
                .build();
        Settings settings = SettingsResolver.resolveForQueries(configured, embedding.projection());
        settings.modelSpec().check();
        // Outside a cluster the job runs in this JVM, whose Flink REST endpoint must stay on loopback.
        QueryJob.fromSettings(settings).execute(StreamExecutionEnvironment.getExecutionEnvironment(
                LocalFlink.configuration(rest.address(), rest.ports())));
        return 0;
    }
}
