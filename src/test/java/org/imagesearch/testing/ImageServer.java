package org.imagesearch.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.concurrent.Executors;

/**
 * A web server on loopback serving one image at {@code /good.png}, the same after 3 seconds at {@code /slow.png}
 * (longer than the tests' read timeouts), a redirect to the cloud metadata address at {@code /to-metadata.png}
 * (which the loader must refuse without connecting), and 404 for every other path.
 */
public final class ImageServer {
    private ImageServer() {}

    public static HttpServer start(byte[] png) throws IOException {
        HttpServer server = LocalHttp.server();
        LocalHttp.serve(server, "/good.png", png);
        LocalHttp.serveAfter(server, "/slow.png", 3000, png);
        LocalHttp.redirect(server, "/to-metadata.png", "http://169.254.169.254/latest/meta-data/");
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    /** The server's base address, e.g. http://127.0.0.1:41234. */
    public static String base(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
