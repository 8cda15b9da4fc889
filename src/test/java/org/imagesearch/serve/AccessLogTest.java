package org.imagesearch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.imagesearch.config.Settings;
import org.imagesearch.query.ImageSearch;
import org.imagesearch.query.QueryImageEmbedder;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The access log of a service with no database behind it (none of these requests needs one). */
class AccessLogTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final Lines lines = new Lines();

    /** Collects the formatted messages of the access logger. */
    private static final class Lines extends AbstractAppender {
        final List<String> messages = new CopyOnWriteArrayList<>();

        Lines() {
            super("access-lines", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            messages.add(event.getMessage().getFormattedMessage());
        }

        /** Jetty logs once the response is complete, which can be just after the client has read it. */
        String awaitOne() throws InterruptedException {
            for (int i = 0; i < 100 && messages.isEmpty(); i++) {
                Thread.sleep(50);
            }
            assertEquals(1, messages.size(), messages.toString());
            return messages.remove(0);
        }
    }

    /** The access logger of log4j2-test.properties, quiet there, at INFO into {@link #lines} for this test. */
    @BeforeEach
    void capture() {
        lines.start();
        accessLogger().setLevel(Level.INFO);
        accessLogger().addAppender(lines, null, null);
        context().updateLoggers();
    }

    @AfterEach
    void release() {
        accessLogger().removeAppender(lines.getName());
        accessLogger().setLevel(Level.WARN);
        context().updateLoggers();
        lines.stop();
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }

    private static LoggerConfig accessLogger() {
        LoggerConfig logger = context().getConfiguration().getLoggerConfig(AccessLog.LOGGER);
        assertEquals(AccessLog.LOGGER, logger.getName(), "log4j2-test.properties names the access logger");
        return logger;
    }

    @Test
    void oneLinePerRequestWithoutTheQueryString() throws Exception {
        Settings settings = TestSettings.parse();
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/nowhere");
        try (SearchService service = new SearchService(settings, nowhere, ImageSearch.of(settings, QueryImageEmbedder.NONE)).start(0)) {
            HttpResponse<String> search = get(service, "/api/search?id=x&token=s3cret&url=http%3A%2F%2Fimages.internal%2Fa.png");
            assertEquals(400, search.statusCode());
            String line = lines.awaitOne();
            assertTrue(line.matches("GET /api/search 400 \\d+ ms " + search.body().length() + " B 127\\.0\\.0\\.1"), line);
            assertFalse(line.contains("s3cret") || line.contains("images.internal") || line.contains("?"), line);

            HttpResponse<String> page = get(service, "/?q=private");
            assertEquals(200, page.statusCode());
            String pageLine = lines.awaitOne();
            assertTrue(pageLine.startsWith("GET / 200 "), pageLine);
            assertFalse(pageLine.contains("private"), pageLine);
        }
    }

    private HttpResponse<String> get(SearchService service, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
