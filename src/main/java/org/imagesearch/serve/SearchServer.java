package org.imagesearch.serve;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.EmbedderPool;
import org.imagesearch.query.BoundedQueryEmbedder;
import org.imagesearch.query.ImageSearch;
import org.imagesearch.query.QueryImageEmbedder;

/**
 * The running search service with what it owns: a pool of database connections and one loaded model per
 * concurrent image search. Closing it stops the service, then frees both.
 */
public final class SearchServer implements AutoCloseable {
    /** How long an image search waits for a free model before it is answered 503. */
    private static final Duration QUERY_SLOT_WAIT = Duration.ofSeconds(1);
    private final HikariDataSource pool;
    private final EmbedderPool embedders;
    private final SearchService service;

    private SearchServer(HikariDataSource pool, EmbedderPool embedders, SearchService service) {
        this.pool = pool;
        this.embedders = embedders;
        this.service = service;
    }

    /**
     * Starts the service for resolved {@code settings} on {@code port} (0 = any free one), searching the table the
     * alias named like the configured table points to, followed as it is switched.
     */
    public static SearchServer start(Settings settings, int embedderCount, int port) {
        HikariDataSource pool = connectionPool(settings.database());
        EmbedderPool embedders = null;
        try {
            embedders = new EmbedderPool(settings.modelSpec(), embedderCount);
            // Query images get their own, lower pixel limit: up to one decodes per model at a time.
            QueryImageEmbedder images = QueryImageEmbedder.using(embedders,
                    settings.loader().withMaxPixels(settings.service().maxQueryPixels()));
            ImageSearch search = ImageSearch.following(settings,
                    new BoundedQueryEmbedder(images, embedders.size(), QUERY_SLOT_WAIT));
            SearchService service = new SearchService(settings, pool, search);
            return new SearchServer(pool, embedders, service.start(port));
        } catch (RuntimeException e) {
            pool.close();
            if (embedders != null) {
                closeQuietly(embedders);
            }
            throw e;
        }
    }

    public int port() {
        return service.port();
    }

    private static HikariDataSource connectionPool(Settings.Database db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(16);
        config.setPoolName("image-search");
        return new HikariDataSource(config);
    }

    private static void closeQuietly(EmbedderPool embedders) {
        try {
            embedders.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            service.close();
        } finally {
            pool.close();
            embedders.close();
        }
    }
}
