package org.imagesearch.cli;

import java.util.concurrent.Callable;
import org.imagesearch.config.EmbeddingOptions;
import org.imagesearch.config.KafkaOptions;
import org.imagesearch.config.SearchOptions;
import org.imagesearch.config.ServiceOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.serve.SearchServer;
import org.imagesearch.store.SettingsResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code serve}: the search service and web page, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = {
        "The search service (HTTP API) and web page, until interrupted.",
        "Creates the table and index if missing."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    private ServiceOptions service;
    @Mixin
    private EmbeddingOptions embedding;
    @Mixin
    private SearchOptions search;
    /** The ingest topics and consumer group that /api/stats reports on. */
    @Mixin
    private KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        Settings configured = new SettingsBuilder().with(service).with(embedding).with(search).with(kafka).build();
        Settings settings = SettingsResolver.resolveForWriting(configured, embedding.projection(), false);
        SearchServer server = SearchServer.start(settings, Runtime.getRuntime().availableProcessors(),
                settings.service().port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("error stopping the service: " + e.getMessage());
            }
        }));
        System.err.printf("Search service on http://%s:%d/ (table %s); Ctrl-C stops it%n",
                settings.service().host(), server.port(), settings.database().table().name());
        Thread.currentThread().join();
        return 0;
    }
}
