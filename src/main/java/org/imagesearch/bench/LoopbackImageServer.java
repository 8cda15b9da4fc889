package org.imagesearch.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server on 127.0.0.1 serving the image at position {@code i} of a data set at {@code /images/i}: the
 * image host of {@code bench ingest --via-http}. Each request reads the image anew, as an image server would,
 * and is answered after a delay, if one is given, that stands for a distant server's latency.
 */
final class LoopbackImageServer implements AutoCloseable {
    /** The one address it listens on, as the CIDR block the job is allowed to fetch from. */
    static final String NETWORK = "127.0.0.1/32";
    private static final String PATH = "/images/";
    /** The delay is scheduled, not slept, so a few threads serve however many requests wait at once. */
    private static final int THREADS = 4;

    /** The encoded image at a position. */
    @FunctionalInterface
    interface Images {
        byte[] bytes(int position) throws IOException;
    }

    private final HttpServer server;
    private final ScheduledExecutorService threads;

    private LoopbackImageServer(HttpServer server, ScheduledExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Serves positions 0..size-1 of {@code images} after {@code delay}; 404 for any other path. */
    static LoopbackImageServer start(Images images, int size, Duration delay) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        ScheduledExecutorService threads = Executors.newScheduledThreadPool(THREADS);
        server.createContext("/", exchange -> threads.schedule(() -> {
            try {
                serve(exchange, images, size);
            } catch (IOException e) {
                // the client has gone: serve closed the exchange, and there is no one to tell
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS));
        server.setExecutor(threads);
        server.start();
        return new LoopbackImageServer(server, threads);
    }

    String uri(int position) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH + position;
    }

    /** The position a request path names, if it names one of 0..size-1. */
    static OptionalInt position(String path, int size) {
        if (!path.startsWith(PATH) || !path.substring(PATH.length()).matches("[0-9]{1,9}")) {
            return OptionalInt.empty();
        }
        int position = Integer.parseInt(path.substring(PATH.length()));
        return position < size ? OptionalInt.of(position) : OptionalInt.empty();
    }

    private static void serve(HttpExchange exchange, Images images, int size) throws IOException {
        try (exchange) {
            OptionalInt position = position(exchange.getRequestURI().getPath(), size);
            if (position.isEmpty()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            try {
                body = images.bytes(position.getAsInt());
            } catch (IOException e) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
