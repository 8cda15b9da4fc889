package org.imagesearch.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.imagesearch.config.DuplicateDistance;
import org.imagesearch.config.Settings;

/**
 * A PostgreSQL + pgvector server of the test run's own, started with the project's
 * {@code deploy/local/postgres.sh} on a free port and a temporary data folder, stopped and deleted at the end.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final String DB = "imagesearch_test";
    private static final String USER = "imagesearch_test";
    private static final String PASSWORD = "test-only-password";

    private final Path baseDir;
    private final Map<String, String> env;
    private final int port;

    private LocalPostgres(Path baseDir, Map<String, String> env, int port) {
        this.baseDir = baseDir;
        this.env = env;
        this.port = port;
    }

    public static LocalPostgres start() throws IOException, InterruptedException {
        Path baseDir = Files.createTempDirectory("image-search-pg");
        // The server runs as the postgres OS user, which must be able to enter this folder.
        Files.setPosixFilePermissions(baseDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = Map.of(
                "IMAGE_SEARCH_PG_PORT", Integer.toString(port),
                "IMAGE_SEARCH_PG_DATA", baseDir.resolve("data").toString(),
                "IMAGE_SEARCH_PG_DB", DB,
                "IMAGE_SEARCH_PG_USER", USER,
                "IMAGE_SEARCH_PG_PASSWORD", PASSWORD);
        LocalPostgres postgres = new LocalPostgres(baseDir, env, port);
        postgres.script("start");
        return postgres;
    }

    public Settings.Database database(org.imagesearch.config.TableSpec table) {
        return new Settings.Database("jdbc:postgresql://127.0.0.1:" + port + "/" + DB, USER, PASSWORD, table,
                DuplicateDistance.defaultFor(table.distance()));
    }

    /** Stops the server, keeping its data: clients see the database go away until {@link #restart()}. */
    public void stopServer() throws IOException, InterruptedException {
        script("stop");
    }

    public void restart() throws IOException, InterruptedException {
        script("start");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script("stop");
        ProcessBuilder rm = new ProcessBuilder("rm", "-rf", baseDir.toString()).inheritIO();
        rm.start().waitFor();
    }

    private void script(String command) throws IOException, InterruptedException {
        Path scriptPath = Settings.projectDir().resolve("deploy/local/postgres.sh");
        ProcessBuilder builder = new ProcessBuilder("bash", scriptPath.toString(), command).inheritIO();
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("deploy/local/postgres.sh " + command + " failed");
        }
    }
}
