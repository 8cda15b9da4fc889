package org.imagesearch.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.imagesearch.testing.LocalHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageLoaderTest {
    private static final long MAX_BYTES = 1000;
    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);

    @TempDir
    Path temp;

    private Path root;
    private Path outside;
    private HttpServer server;
    private ExecutorService serverThreads;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger loops = new AtomicInteger();

    @BeforeEach
    void createFolders() throws IOException {
        root = Files.createDirectory(temp.resolve("root"));
        outside = Files.createDirectory(temp.resolve("outside"));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    /** The local test server lives on loopback, which is refused unless allowed. */
    private static ImageLoader loader(List<String> fileRoots) {
        return loader(fileRoots, List.of(), List.of("127.0.0.0/8"));
    }

    private static ImageLoader loader(List<String> fileRoots, List<String> allowHosts, List<String> allowNetworks) {
        return new ImageLoader(new LoaderLimits(fileRoots, allowHosts, allowNetworks, Duration.ofSeconds(2),
                READ_TIMEOUT, MAX_BYTES, 1_000_000, LoaderLimits.DEFAULT_LOAD_CAPACITY, LoaderLimits.DEFAULT_RETRIES));
    }

    private static ImageLoader loaderAllowingHosts(String... hosts) {
        return loader(List.of(), List.of(hosts), List.of());
    }

    private ImageLoader loaderForRoot() {
        return loader(List.of(root.toString()));
    }

    private static ImageRejectedException assertRejected(ImageLoader loader, String reference, String expectedInReason) {
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> loader.load(reference));
        assertEquals(ImageRejectedException.Step.LOAD, e.step());
        assertTrue(e.getMessage().contains(expectedInReason),
                () -> "reason '" + e.getMessage() + "' should mention '" + expectedInReason + "'");
        return e;
    }

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        return data;
    }

    // ---- file: URIs ----

    @Test
    void fileUrisAreRefusedWhenNoRootsAreConfigured() throws IOException {
        Path file = Files.write(root.resolve("a.png"), bytes(10));

        assertRejected(loader(List.of()), file.toUri().toString(), "file URIs are disabled");
    }

    @Test
    void fileInsideARootIsRead() throws Exception {
        Path file = Files.write(Files.createDirectory(root.resolve("cats")).resolve("a.png"), bytes(100));

        assertArrayEquals(bytes(100), loaderForRoot().load(file.toUri().toString()));
    }

    @Test
    void fileOfExactlyMaxBytesIsRead() throws Exception {
        Path file = Files.write(root.resolve("a.png"), bytes((int) MAX_BYTES));

        assertEquals(MAX_BYTES, loaderForRoot().load(file.toUri().toString()).length);
    }

    @Test
    void fileUnderAnyOfSeveralRootsIsRead() throws Exception {
        Path file = Files.write(outside.resolve("b.png"), bytes(5));
        ImageLoader loader = loader(List.of(root.toString(), outside.toString()));

        assertArrayEquals(bytes(5), loader.load(file.toUri().toString()));
    }

    @Test
    void fileOutsideEveryRootIsRefused() throws IOException {
        Path file = Files.write(outside.resolve("secret.png"), bytes(10));

        assertRejected(loaderForRoot(), file.toUri().toString(), "outside the configured roots");
    }

    @Test
    void dotDotCannotEscapeTheRoot() throws IOException {
        Files.write(outside.resolve("secret.png"), bytes(10));
        String sneaky = "file://" + root.toAbsolutePath() + "/../outside/secret.png";

        assertRejected(loaderForRoot(), sneaky, "outside the configured roots");
    }

    @Test
    void symbolicLinkInsideTheRootPointingOutsideIsRefused() throws IOException {
        Path target = Files.write(outside.resolve("secret.png"), bytes(10));
        Path link;
        try {
            link = Files.createSymbolicLink(root.resolve("link.png"), target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links not supported here: " + e);
            return;
        }

        assertRejected(loaderForRoot(), link.toUri().toString(), "outside the configured roots");
    }

    @Test
    void symbolicLinkedFolderInsideTheRootPointingOutsideIsRefused() throws IOException {
        Files.write(outside.resolve("secret.png"), bytes(10));
        try {
            Files.createSymbolicLink(root.resolve("linked"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links not supported here: " + e);
            return;
        }

        assertRejected(loaderForRoot(), root.resolve("linked").resolve("secret.png").toUri().toString(),
                "outside the configured roots");
    }

    @Test
    void siblingFolderSharingTheRootsNamePrefixIsOutside() throws IOException {
        // "/tmp/x/root-other" starts with the string "/tmp/x/root" but is not inside it.
        Path sibling = Files.createDirectory(temp.resolve("root-other"));
        Path file = Files.write(sibling.resolve("a.png"), bytes(10));

        assertRejected(loaderForRoot(), file.toUri().toString(), "outside the configured roots");
    }

    @Test
    void missingFileIsReportedAsNotFound() {
        assertRejected(loaderForRoot(), root.resolve("nope.png").toUri().toString(), "file not found");
    }

    @Test
    void fileLargerThanMaxBytesIsRefused() throws IOException {
        Path file = Files.write(root.resolve("big.png"), bytes((int) MAX_BYTES + 1));

        assertRejected(loaderForRoot(), file.toUri().toString(), "more than the limit of " + MAX_BYTES);
    }

    @Test
    void fifoInsideTheRootIsRefusedWithoutBlocking() throws Exception {
        Path fifo = root.resolve("pipe.png");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo not available");

        // Opening a FIFO for reading blocks until a writer comes: none will.
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertRejected(loaderForRoot(), fifo.toUri().toString(), "not a regular file"));
    }

    @Test
    void directoryInsideTheRootIsRefused() throws IOException {
        Path folder = Files.createDirectory(root.resolve("folder.png"));

        assertRejected(loaderForRoot(), folder.toUri().toString(), "not a regular file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dev/null", "/dev/zero"})
    void deviceFilesUnderARootAreRefused(String device) {
        assumeTrue(Files.exists(Path.of(device)), device + " not available");

        assertRejected(loader(List.of("/dev")), Path.of(device).toUri().toString(), "not a regular file");
    }

    @Test
    void symbolicLinkToADeviceUnderAnotherRootIsRefused() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "/dev/zero not available");
        Path link = Files.createSymbolicLink(root.resolve("zero.png"), Path.of("/dev/zero"));

        assertRejected(loader(List.of(root.toString(), "/dev")), link.toUri().toString(), "not a regular file");
        assertRejected(loaderForRoot(), link.toUri().toString(), "outside the configured roots");
    }

    @Test
    void unsupportedSchemeIsRefused() {
        assertRejected(loaderForRoot(), "ftp://example.com/a.png", "unsupported URI scheme 'ftp'");
    }

    @Test
    void referenceWithoutSchemeIsRefused() {
        assertRejected(loaderForRoot(), "/etc/passwd", "unsupported URI scheme ''");
    }

    @Test
    void invalidUriIsRefused() {
        assertRejected(loaderForRoot(), "http://exa mple.com/a b.png", "not a valid URI");
    }

    @Test
    void invalidUriWithCredentialsIsRefusedWithoutThem() {
        ImageRejectedException e = assertRejected(loaderForRoot(),
                "http://user:secret@exa mple.com/a.png?token=abc", "not a valid URI");

        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertFalse(e.getMessage().contains("user"), e.getMessage());
        assertFalse(e.getMessage().contains("token"), e.getMessage());
    }

    // ---- http: URIs to addresses that are not public ----

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/a.png", "http://127.1.2.3/a.png", "http://10.0.0.1/a.png",
            "http://172.16.0.1/a.png", "http://172.31.255.255/a.png", "http://192.168.1.1/a.png",
            "http://100.64.0.1/a.png", "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/a.png",
            "http://224.0.0.1/a.png", "http://255.255.255.255/a.png", "https://[::1]/a.png", "http://[::]/a.png",
            "http://[fe80::1]/a.png", "http://[fd00:ec2::254]/a.png", "http://[ff02::1]/a.png",
            "http://[::ffff:127.0.0.1]/a.png", "http://[::ffff:a9fe:a9fe]/a.png", "http://[::10.0.0.1]/a.png",
            "http://[64:ff9b::a00:1]/a.png", "http://[2002:7f00:1::]/a.png"})
    void addressesThatAreNotPublicAreRefusedWithoutConnecting(String reference) {
        assertRejected(loader(List.of(), List.of(), List.of()), reference, "refused address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://1.2.3.4.5/a.png", "http://0177.0.0.1/a.png", "http://127.1/a.png"})
    void digitsThatAreNoCanonicalAddressAreRefusedWithoutALookup(String reference) {
        // java.net.URI refuses some of these already, IpLiteral the rest: none reaches a resolver.
        assertThrows(ImageRejectedException.class, () -> loader(List.of(), List.of(), List.of()).load(reference));
    }

    @Test
    void loopbackServerIsRefusedByDefaultAndNeverReached() throws Exception {
        String base = startServer();

        assertRejected(loader(List.of(), List.of(), List.of()), base + "/ok.png", "refused address 127.0.0.1");
        assertEquals(0, hits.get());
    }

    @Test
    void allowedHostIsFetched() throws Exception {
        String base = startServer();

        assertArrayEquals(bytes(200), loaderAllowingHosts("127.0.0.1").load(base + "/ok.png"));
    }

    @Test
    void redirectToAHostThatIsNotAllowedIsRefused() throws Exception {
        String base = startServer();

        // 127.0.0.1 is allowed, "localhost" is not: the redirect's target is checked on its own.
        assertRejected(loaderAllowingHosts("127.0.0.1"), base + "/to-localhost.png", "refused address");
        assertEquals(0, hits.get());
        assertArrayEquals(bytes(200), loaderAllowingHosts("127.0.0.1", "localhost").load(base + "/to-localhost.png"));
    }

    /** Loopback and file: URIs under /etc are allowed here; where a redirect leads is checked again. */
    @ParameterizedTest
    @CsvSource({"/to-file.png, redirects to no http(s) URI", "/to-metadata.png, refused address 169.254.169.254"})
    void redirectIsCheckedLikeTheFirstHop(String path, String reason) throws Exception {
        String base = startServer();

        assertRejected(loader(List.of("/etc")), base + path, reason);
    }

    @Test
    void endlessRedirectsStopAfterFive() throws Exception {
        String base = startServer();

        assertRejected(loaderForRoot(), base + "/loop.png", "more than " + HttpImageFetcher.MAX_REDIRECTS + " redirects");
        assertEquals(HttpImageFetcher.MAX_REDIRECTS + 1, loops.get());
    }

    @Test
    void refusalQuotesNeitherUserInfoNorQueryString() {
        ImageRejectedException e = assertRejected(loader(List.of(), List.of(), List.of()),
                "http://user:secret@10.0.0.1/x?token=abc", "refused address 10.0.0.1");

        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertFalse(e.getMessage().contains("user"), e.getMessage());
        assertFalse(e.getMessage().contains("token"), e.getMessage());
    }

    // ---- http: URIs against a real local server ----

    private String startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/ok.png", exchange -> {
            hits.incrementAndGet();
            byte[] body = bytes(200);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/missing.png", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/slow.png", exchange -> {
            try {
                Thread.sleep(READ_TIMEOUT.toMillis() * 6);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                byte[] body = bytes(10);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (IOException e) {
                // the client has given up already
            }
        });
        server.createContext("/stalled-body.png", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes(10));
                out.flush();
                Thread.sleep(READ_TIMEOUT.toMillis() * 6);
                out.write(bytes(90));
            } catch (IOException | InterruptedException e) {
                // the client has given up already
            }
        });
        server.createContext("/big.png", exchange -> {
            byte[] body = bytes((int) MAX_BYTES * 3);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException e) {
                // the client may stop reading early
            }
        });
        server.createContext("/big-chunked.png", exchange -> {
            exchange.sendResponseHeaders(200, 0); // no Content-Length: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 3; i++) {
                    out.write(bytes((int) MAX_BYTES));
                }
            } catch (IOException e) {
                // the client may stop reading early
            }
        });
        int port = server.getAddress().getPort();
        LocalHttp.redirect(server, "/to-localhost.png", "http://localhost:" + port + "/ok.png");
        LocalHttp.redirect(server, "/relative.png", "ok.png");
        LocalHttp.redirect(server, "/to-file.png", "file:///etc/passwd");
        LocalHttp.redirect(server, "/to-metadata.png", "http://169.254.169.254/latest/meta-data/");
        server.createContext("/loop.png", exchange -> {
            loops.incrementAndGet();
            exchange.getResponseHeaders().set("Location", "/loop.png");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + port;
    }

    /** {@code /relative.png} redirects to {@code ok.png}. */
    @ParameterizedTest
    @ValueSource(strings = {"/ok.png", "/relative.png"})
    void httpOkBodyIsReturnedDirectlyOrThroughARelativeRedirect(String path) throws Exception {
        String base = startServer();

        assertArrayEquals(bytes(200), loaderForRoot().load(base + path));
    }

    @Test
    void httpUrisWorkWithoutFileRoots() throws Exception {
        String base = startServer();

        assertArrayEquals(bytes(200), loader(List.of()).load(base + "/ok.png"));
    }

    @Test
    void httpNotFoundIsReportedWithItsStatus() throws Exception {
        String base = startServer();

        assertRejected(loaderForRoot(), base + "/missing.png", "HTTP 404");
    }

    @Test
    void slowServerTimesOut() throws Exception {
        String base = startServer();

        long start = System.nanoTime();
        assertRejected(loaderForRoot(), base + "/slow.png", "timed out");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis < READ_TIMEOUT.toMillis() * 5, "gave up after " + elapsedMillis + " ms");
    }

    @Test
    void bodyLargerThanMaxBytesIsRefused() throws Exception {
        String base = startServer();

        assertRejected(loaderForRoot(), base + "/big.png", "more than the limit of " + MAX_BYTES);
    }

    @Test
    void chunkedBodyLargerThanMaxBytesIsRefused() throws Exception {
        String base = startServer();

        assertRejected(loaderForRoot(), base + "/big-chunked.png", "larger than the limit of " + MAX_BYTES);
    }

    @Test
    void queryStringAndUserInfoAreRedactedFromTheReason() throws Exception {
        String base = startServer();
        String port = base.substring(base.lastIndexOf(':') + 1);
        String reference = "http://alice:hunter2@127.0.0.1:" + port + "/missing.png?token=SECRET-TOKEN-123&sig=abc";

        ImageRejectedException e = assertRejected(loaderForRoot(), reference, "HTTP 404");

        assertTrue(e.getMessage().contains("127.0.0.1:" + port + "/missing.png"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET-TOKEN-123"), e.getMessage());
        assertFalse(e.getMessage().contains("token="), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains("alice"), e.getMessage());
    }

    @Test
    void connectionFailureDoesNotLeakTheQueryString() throws Exception {
        // A port nobody listens on: bind one, note it, close it.
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String reference = "http://127.0.0.1:" + port + "/a.png?token=SECRET-TOKEN-123";

        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> loaderForRoot().load(reference));

        assertEquals(ImageRejectedException.Step.LOAD, e.step());
        assertFalse(e.getMessage().contains("SECRET-TOKEN-123"), e.getMessage());
    }


    @Test
    void serverThatStallsTheBodyTimesOut() throws Exception {
        String base = startServer();

        long start = System.nanoTime();
        assertRejected(loaderForRoot(), base + "/stalled-body.png", "timed out");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis < READ_TIMEOUT.toMillis() * 5, "gave up after " + elapsedMillis + " ms");
    }


    @ParameterizedTest
    @ValueSource(strings = {"http:///a.png", "http:a.png", "http://my_host/a.png", "http://127.0.0.1:99999/a.png"})
    void httpUriTheHttpClientRefusesIsRejectedNotThrown(String reference) {
        assertThrows(ImageRejectedException.class, () -> loaderForRoot().load(reference));
    }
}
