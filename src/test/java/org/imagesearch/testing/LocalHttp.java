package org.imagesearch.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** An HTTP server on the loopback interface for tests that fetch images, and the handlers they share. */
public final class LocalHttp {
    private LocalHttp() {}

    /** Not started yet: add contexts, then {@link HttpServer#start()}. */
    public static HttpServer server() throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    }

    public static void serve(HttpServer server, String path, byte[] body) {
        server.createContext(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    /** Answers {@code body} after {@code delayMillis}, holding one of the server's threads meanwhile. */
    public static void serveAfter(HttpServer server, String path, long delayMillis, byte[] body) {
        server.createContext(path, exchange -> {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    public static void redirect(HttpServer server, String path, String location) {
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
    }
}
