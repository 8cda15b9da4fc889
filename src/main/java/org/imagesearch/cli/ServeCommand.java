package org.imagesearch.cli;

import java.util.Set;
import org.imagesearch.config.Options;
import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.config.Settings;
import org.imagesearch.serve.SearchServer;
import org.imagesearch.store.SettingsResolver;

/** {@code serve [--port P] [--host H]}: the search service and web page, until interrupted. */
final class ServeCommand {
    private ServeCommand() {}

    static void run(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of());
        options.rejectUnknown(Settings.OPTIONS);
        Settings settings = SettingsResolver.resolveForWriting(Settings.from(options),
                ProjectionChoice.parse(options.get("projection", "none")), false);
        SearchServer service = SearchServer.start(settings, Runtime.getRuntime().availableProcessors(),
                settings.service().port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("error stopping the service: " + e.getMessage());
            }
        }));
        System.err.printf("Search service on http://%s:%d/ (table %s); Ctrl-C stops it%n",
                settings.service().host(), service.port(), settings.database().table().name());
        Thread.currentThread().join();
    }
}
