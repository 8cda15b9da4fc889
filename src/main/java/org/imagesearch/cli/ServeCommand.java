package org.imagesearch.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
        "Creates the table and index if missing. Searches the table the alias named like --table points to, "
                + "checked again every 2 s (see reindex --switch)."})
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
        checkPortFree(configured.service());
        Settings settings = SettingsResolver.resolveForFollowing(configured, embedding.projection(), true);
        SearchServer server = SearchServer.start(settings, Runtime.getRuntime().availableProcessors(),
                settings.service().port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("error stopping the service: " + e.getMessage());
            }
        }));
        System.err.printf("Search service on http://%s:%d/ (table %s, or what its alias points to); Ctrl-C stops it%n",
                settings.service().host(), server.port(), settings.database().table().name());
        Thread.currentThread().join();
        return 0;
    }

    /**
     * A port in use would otherwise be found only after the database and the models, and a database that is
     * down would hide it. The probe is closed at once; a port taken in between still fails in the server.
     */
    private static void checkPortFree(Settings.Service service) throws IOException {
        InetSocketAddress address = new InetSocketAddress(service.host(), service.port());
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("--host " + service.host() + " is not a known address");
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(address);
        } catch (BindException e) {
            // Mostly "Address already in use"; an address not of this machine says so too.
            throw new IllegalArgumentException("cannot listen on " + service.host() + ":" + service.port() + " ("
                    + e.getMessage() + "): stop what listens there or pick another --port or --host");
        }
    }
}
