package org.imagesearch.serve;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What {@code GET /metrics} reports: the latency of every request as a histogram by endpoint, method and status,
 * and the JVM's memory, garbage collection, threads and CPU. Each service has a registry of its own, so services
 * in one JVM (the tests) do not count each other's requests.
 */
final class ServiceMetrics implements AutoCloseable {
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    /** The endpoint of requests no endpoint answered: the page's files, and those refused before routing. */
    private static final String OTHER_ENDPOINT = "other";
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Meter.MeterProvider<Timer> requests;

    ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        // 13 fixed buckets, not the 70 or so of a percentile histogram: a search takes tens of milliseconds, an image
        // search up to a second more waiting for a free model.
        requests = Timer.builder("http.server.requests")
                .description("Requests to the search service, by endpoint (route template), method and status")
                .serviceLevelObjectives(millis(1), millis(2.5), millis(5), millis(10), millis(25), millis(50),
                        millis(100), millis(250), millis(500), millis(1000), millis(2500), millis(5000), millis(10000))
                .withRegistry(registry);
    }

    /** For Javalin's request logger, called once the response is written. */
    void record(Context ctx, float millis) {
        requests.withTags("endpoint", endpoint(ctx), "method", ctx.method().name(),
                "status", Integer.toString(ctx.statusCode())).record((long) (millis * 1e6), TimeUnit.NANOSECONDS);
    }

    private static Duration millis(double millis) {
        return Duration.ofNanos((long) (millis * 1e6));
    }

    String scrape() {
        return registry.scrape();
    }

    /**
     * The route template ("/api/images/{id}"), never the path: ids and unknown paths would make a series each.
     * A request still marked BEFORE reached no endpoint (Javalin refuses to name one then).
     */
    private static String endpoint(Context ctx) {
        if (ctx.handlerType() == HandlerType.BEFORE) {
            return OTHER_ENDPOINT;
        }
        String route = ctx.endpointHandlerPath();
        return route.startsWith("/") ? route : OTHER_ENDPOINT;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
