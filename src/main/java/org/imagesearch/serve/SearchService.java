package org.imagesearch.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.MisdirectedRequestResponse;
import io.javalin.http.TooManyRequestsResponse;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import org.imagesearch.config.DuplicateDistance;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsDescription;
import org.imagesearch.config.TableSpec;
import org.imagesearch.image.BoundedRead;
import org.imagesearch.image.Thumbnails;
import org.imagesearch.ingest.IngestStatus;
import org.imagesearch.json.Json;
import org.imagesearch.query.Filter;
import org.imagesearch.query.ImageSearch;
import org.imagesearch.query.InvalidQueryException;
import org.imagesearch.query.Query;
import org.imagesearch.query.QueryJson;
import org.imagesearch.query.QueryTarget;
import org.imagesearch.query.SearchResult;
import org.imagesearch.query.ServiceBusyException;
import org.imagesearch.query.UnknownImageException;
import org.imagesearch.store.DuplicateGroup;
import org.imagesearch.store.DuplicateGroups;
import org.imagesearch.store.ImageTable;
import org.imagesearch.watch.Watch;
import org.imagesearch.watch.WatchJson;
import org.imagesearch.watch.WatchTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search service: a JSON API over {@link ImageSearch} and the web page at {@code /}.
 * <ul>
 *   <li>{@code POST /api/search}: a multipart upload (field {@code image}, optional {@code k}, {@code class})
 *       or a JSON query (see {@link QueryJson}; image URIs are refused here, upload the bytes instead)</li>
 *   <li>{@code GET /api/search?id=ID&k=K&class=C}</li>
 *   <li>{@code GET /api/images/{id}}: the stored thumbnail</li>
 *   <li>{@code GET /api/duplicates?min_group=N&limit=N}: the groups of near-duplicates; {@code ?id=ID}: the group
 *       of one image ({@code {"group": null}} when it has none)</li>
 *   <li>{@code POST /api/watchlist}: a JSON watch ({@link WatchRequest}), answered with the watch made;
 *       {@code GET /api/watchlist}: the watches; {@code DELETE /api/watchlist/{watch_id}}: removes one, answered
 *       204 with no body (404 when there is no such watch)</li>
 *   <li>{@code GET /api/health}, {@code GET /api/stats} (the ingest status, the settings with the table searched now
 *       and the alias followed, a stored id, and the distance a watch gets when its request names none)</li>
 *   <li>{@code GET /metrics}: request latency and the JVM's, for Prometheus (not rate-limited)</li>
 * </ul>
 * Request bodies are bounded in bytes read, every client address in requests per minute; only configured host
 * names are answered, and requests that may change something (any method but GET, HEAD and OPTIONS) are refused
 * when another site's page sent them. Errors are JSON {@code {"error": "..."}} with a 4xx/5xx status. Every request
 * is timed ({@link ServiceMetrics}) and logged ({@link AccessLog}).
 */
public final class SearchService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);
    /** Short: a stats request waits for Kafka when it is down. */
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STATUS_MAX_AGE = Duration.ofSeconds(5);
    /** The methods that change nothing: any other may come from this service's own page only. */
    private static final Set<HandlerType> SAFE_METHODS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private final Settings settings;
    private final DataSource pool;
    private final ImageSearch search;
    private final RecentStatus status;
    private final HostCheck hosts;
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final Javalin app;

    /**
     * Serves {@code search} over {@code pool}'s connections; stopping it closes none of them. Thumbnails, duplicates
     * and the status come from the table {@code search} searches now, so they follow its alias with it.
     */
    public SearchService(Settings settings, DataSource pool, ImageSearch search) {
        this.settings = settings;
        this.pool = pool;
        this.search = search;
        this.status = new RecentStatus(() -> {
            try (Connection connection = pool.getConnection()) {
                return new IngestStatus(settings.kafka(), search.table(connection), KAFKA_TIMEOUT).read(connection);
            }
        }, STATUS_MAX_AGE, System::nanoTime);
        this.hosts = new HostCheck(settings.service().allowedHosts());
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = settings.service().maxUploadBytes();
            config.jetty.multipartConfig.maxFileSize(settings.service().maxUploadBytes(),
                    io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(settings.service().maxUploadBytes() + 64 * 1024,
                    io.javalin.config.SizeUnit.BYTES);
            config.requestLogger.http(metrics::record);
            config.jetty.modifyServer(server -> server.setRequestLog(new AccessLog()));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
        });
        Settings.Service service = settings.service();
        RateLimiter limiter = new RateLimiter(service.requestsPerMinute(), System::currentTimeMillis);
        app.before(ctx -> {
            SecurityHeaders.add(ctx);
            if (!hosts.allowsHost(ctx)) {
                throw new MisdirectedRequestResponse("this service does not answer to the host name in \""
                        + ctx.header("Host") + "\"; it answers to " + service.allowedHosts() + " (--allowed-hosts)");
            }
        });
        app.before("/api/*", ctx -> {
            if (!limiter.allow(ctx.ip())) {
                ctx.header("Retry-After", Long.toString(limiter.secondsToNextWindow()));
                throw new TooManyRequestsResponse(
                        "too many requests: at most " + service.requestsPerMinute() + " per minute");
            }
            if (ctx.contentLength() > service.maxUploadBytes()) {
                throw tooLarge();
            }
            if (!SAFE_METHODS.contains(ctx.method()) && hosts.isCrossSite(ctx)) {
                throw new ForbiddenResponse("cross-site requests are refused: use this service's own page");
            }
        });
        app.post("/api/search", this::searchPost);
        app.get("/api/search", this::searchGet);
        app.get("/api/images/{id}", this::image);
        app.get("/api/duplicates", this::duplicates);
        app.post("/api/watchlist", this::watch);
        app.get("/api/watchlist", this::watchlist);
        app.delete("/api/watchlist/{watch_id}", this::unwatch);
        app.get("/api/health", this::health);
        app.get("/api/stats", this::stats);
        app.get("/metrics", ctx -> ctx.contentType(ServiceMetrics.CONTENT_TYPE).result(metrics.scrape()));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
                try {
                    UnreadBody.refuse(ctx, HttpStatus.CONTENT_TOO_LARGE, errorJson(e.getMessage()));
                } catch (IOException closed) {
                    LOG.debug("client gone before the 413 was sent", closed);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                }
            } else {
                error(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage());
            }
        });
        app.exception(InvalidQueryException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        app.exception(UnknownImageException.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
        app.exception(ServiceBusyException.class, (e, ctx) -> {
            ctx.header("Retry-After", "1");
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        });
        app.exception(SQLException.class, (e, ctx) -> databaseUnavailable(ctx, e));
        // Declared after every endpoint, so it only answers paths no endpoint matched.
        for (HandlerType method : Set.of(HandlerType.GET, HandlerType.POST, HandlerType.DELETE)) {
            app.addHttpHandler(method, "/api/*",
                    ctx -> error(ctx, HttpStatus.NOT_FOUND, "no such endpoint: " + ctx.path()));
        }
    }

    /** Listens on the configured host (loopback unless --host says otherwise) and port (0 = any free one). */
    public SearchService start(int port) {
        app.start(settings.service().host(), port);
        return this;
    }

    public int port() {
        return app.port();
    }

    private void searchPost(Context ctx) throws Exception {
        Query query;
        if (ctx.isMultipartFormData()) {
            query = formQuery(ctx, new QueryTarget.ByImage(uploadedImage(ctx), null));
        } else {
            query = QueryJson.parse(QueryJson.read(jsonBody(ctx,
                    "send a JSON query with Content-Type: application/json, or upload a multipart form")));
            if (query.target() instanceof QueryTarget.ByImage image && image.uri() != null) {
                // Fetching URLs on behalf of web clients would let them reach internal hosts: bytes only here.
                throw new InvalidQueryException("image URIs are not accepted by the web service: send \"bytes\" or upload the file");
            }
        }
        answer(ctx, query);
    }

    /** The body of a JSON request, within the upload limit; {@code refusal} answers a body of another type. */
    private byte[] jsonBody(Context ctx, String refusal) throws IOException {
        // Other types are what a foreign page can post without asking (CORS "simple requests").
        if (!"application/json".equalsIgnoreCase(mediaType(ctx.contentType()))) {
            throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(), refusal);
        }
        byte[] body = BoundedRead.atMost(ctx.bodyInputStream(), settings.service().maxUploadBytes());
        if (body == null) {
            throw tooLarge();
        }
        return body;
    }

    /** The bytes of the form's "image" field; Jetty reads no further than the size limits, Content-Length or not. */
    private byte[] uploadedImage(Context ctx) throws Exception {
        UploadedFile file;
        try {
            file = ctx.uploadedFile("image");
        } catch (IllegalStateException e) {
            // Jetty stops parsing at the multipart limits set in the constructor, and says so only in words.
            if (String.valueOf(e.getMessage()).contains("exceeds max")) {
                throw tooLarge();
            }
            throw new InvalidQueryException("unreadable multipart form: " + e.getMessage());
        }
        if (file == null) {
            throw new InvalidQueryException("the form needs a file field named \"image\"");
        }
        try (InputStream in = file.content()) {
            return in.readAllBytes(); // Jetty held the part to --max-upload-bytes
        }
    }

    /** "application/json; charset=utf-8" to "application/json"; null stays null. */
    private static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";", 2)[0].trim();
    }

    private HttpResponseException tooLarge() {
        return new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(),
                "the request body is larger than " + settings.service().maxUploadBytes() + " bytes");
    }

    private void searchGet(Context ctx) throws Exception {
        String id = ctx.queryParam("id");
        if (id == null) {
            throw new InvalidQueryException("give ?id=ID (or POST an image)");
        }
        answer(ctx, formQuery(ctx, new QueryTarget.ById(parseId("id", id))));
    }

    private void answer(Context ctx, Query query) throws Exception {
        SearchResult result;
        try (Connection connection = pool.getConnection()) {
            result = search.search(connection, query);
        }
        ctx.json(QueryJson.answer(null, result));
    }

    /** k, class, ef_search and expansion from query parameters or form fields. */
    private static Query formQuery(Context ctx, QueryTarget target) throws InvalidQueryException {
        try {
            int k = intParam(ctx, "k", Query.DEFAULT_K);
            String efSearch = param(ctx, "ef_search");
            String expansion = param(ctx, "expansion");
            String label = param(ctx, "class");
            return new Query(target, k, null, new Filter(label == null || label.isBlank() ? null : label, null),
                    efSearch == null ? null : intParam(ctx, "ef_search", 0), false,
                    expansion == null ? null : intParam(ctx, "expansion", 0));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(e.getMessage());
        }
    }

    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value != null ? value : ctx.isMultipartFormData() ? ctx.formParam(name) : null;
    }

    private static int intParam(Context ctx, String name, int fallback) throws InvalidQueryException {
        String value = param(ctx, name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(name + " must be an integer, got '" + value + "'");
        }
    }

    private void image(Context ctx) throws SQLException, InvalidQueryException {
        long id = parseId("id", ctx.pathParam("id"));
        byte[] thumbnail;
        try (Connection connection = pool.getConnection()) {
            thumbnail = new ImageTable(search.table(connection)).thumbnail(connection, id);
        }
        if (thumbnail == null) {
            error(ctx, HttpStatus.NOT_FOUND, "no stored image with id " + id);
            return;
        }
        ctx.header("Cache-Control", "max-age=300");
        ctx.contentType(Thumbnails.mediaType(thumbnail)).result(thumbnail);
    }

    private void duplicates(Context ctx) throws SQLException, InvalidQueryException {
        String id = ctx.queryParam("id");
        try (Connection connection = pool.getConnection()) {
            DuplicateGroups duplicates = new DuplicateGroups(search.table(connection));
            if (id != null) {
                DuplicateGroup group = duplicates.of(connection, parseId("id", id));
                ctx.json(Json.object().set("group", group == null ? null : group.toJson()));
                return;
            }
            int minGroup = intParam(ctx, "min_group", 2);
            int limit = intParam(ctx, "limit", 100);
            if (minGroup < 2 || limit < 1 || limit > 1000) {
                throw new InvalidQueryException("min_group must be at least 2 and limit in 1..1000");
            }
            ctx.json(Json.object().set("groups", DuplicateGroup.toJson(duplicates.list(connection, minGroup, limit))));
        }
    }

    private void watch(Context ctx) throws Exception {
        WatchRequest request = WatchRequest.parse(QueryJson.read(jsonBody(ctx,
                "send the watch as JSON with Content-Type: application/json")));
        float[] vector = request.bytes() == null ? null : search.embed(new QueryTarget.ByImage(request.bytes(), null));
        try (Connection connection = pool.getConnection()) {
            TableSpec table = search.table(connection);
            double distance = request.distance() != null ? request.distance() : DuplicateDistance.defaultFor(table.distance());
            WatchTable watches = watches(connection, table);
            Watch watch = vector != null ? watches.add(connection, vector, distance, request.note())
                    : watches.addImage(connection, request.id(), distance, request.note());
            if (watch == null) {
                throw new UnknownImageException(request.id());
            }
            ctx.status(HttpStatus.CREATED).json(WatchJson.of(watch));
        }
    }

    private void watchlist(Context ctx) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            ArrayNode list = Json.MAPPER.createArrayNode();
            watches(connection, search.table(connection)).list(connection).forEach(w -> list.add(WatchJson.of(w)));
            ctx.json(Json.object().set("watches", list));
        }
    }

    private void unwatch(Context ctx) throws SQLException, InvalidQueryException {
        long watchId = parseId("watch_id", ctx.pathParam("watch_id"));
        try (Connection connection = pool.getConnection()) {
            if (!watches(connection, search.table(connection)).remove(connection, watchId)) {
                error(ctx, HttpStatus.NOT_FOUND, "no watch with id " + watchId);
                return;
            }
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /** The watches of {@code table}, their table made if missing: a service may start before any watch exists. */
    private static WatchTable watches(Connection connection, TableSpec table) throws SQLException {
        WatchTable watches = new WatchTable(table);
        watches.create(connection);
        return watches;
    }

    private static long parseId(String name, String value) throws InvalidQueryException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(name + " must be an integer, got '" + value + "'");
        }
    }

    private void health(Context ctx) {
        try (Connection connection = pool.getConnection()) {
            connection.isValid(2);
            ctx.json(Json.object().put("status", "ok"));
        } catch (SQLException e) {
            databaseUnavailable(ctx, e);
        }
    }

    /**
     * The ingest status (at most a few seconds old) with the settings that shape vectors and answers, an id
     * that is stored now (null in an empty table), for a page to offer as an example, and a watch's default distance.
     */
    private void stats(Context ctx) throws SQLException {
        ObjectNode node = status.get();
        TableSpec searched;
        Long sample;
        try (Connection connection = pool.getConnection()) {
            searched = search.table(connection);
            sample = new ImageTable(searched).smallestId(connection);
        }
        node.setAll(SettingsDescription.of(settings.withTable(searched)));
        node.put("alias", settings.database().table().name());
        node.put("max_k", Query.MAX_K);
        node.put("sample_id", sample);
        node.put("sample_id_str", sample == null ? null : sample.toString());
        node.put("watch_default_distance", DuplicateDistance.defaultFor(searched.distance()));
        ctx.json(node);
    }

    /** The driver's text can name hosts, users and SQL: it goes to the log, the client learns only the status. */
    private static void databaseUnavailable(Context ctx, SQLException e) {
        LOG.warn("{} {}: database error", ctx.method(), ctx.path(), e);
        error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "database unavailable");
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(errorJson(message));
    }

    private static String errorJson(String message) {
        return Json.object().put("error", message).toString();
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            metrics.close();
        }
    }
}
