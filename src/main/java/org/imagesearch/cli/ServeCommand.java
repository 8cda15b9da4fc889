package org.imagesearch.cli;

import java.util.concurrent.Callable;
import org.imagesearch.config.DatabaseOptions;
import org.imagesearch.config.LoaderOptions;
import org.imagesearch.config.ModelOptions;
import org.imagesearch.config.ProjectionOptions;
import org.imagesearch.config.SearchOptions;
import org.imagesearch.config.ServiceOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.config.TableOptions;
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
    private DatabaseOptions database;
    @Mixin
    private TableOptions table;
    @Mixin
    private ModelOptions model;
    @Mixin
    private ProjectionOptions projection;
    @Mixin
    private LoaderOptions loader;
    @Mixin
    private SearchOptions search;

    @Override
    public Integer call() throws Exception {
        Settings settings = SettingsResolver.resolveForWriting(new SettingsBuilder().with(service).with(database)
                .with(table).with(model).with(loader).with(search).build(), projection.choice(), false);
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
