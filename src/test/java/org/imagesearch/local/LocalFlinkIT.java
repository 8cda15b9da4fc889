package org.imagesearch.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/**
 * Flink's REST endpoint of a job run in this JVM listens on loopback only: its API has no authentication and
 * always lets a caller cancel a job, so nothing outside this machine may reach it.
 */
class LocalFlinkIT {
    @Test
    void theRestEndpointListensOnLoopbackOnly() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1,
                LocalFlink.configuration(LocalFlink.LOOPBACK, Integer.toString(port)));
        env.fromSequence(0, Long.MAX_VALUE).map(n -> {
            Thread.sleep(10);
            return n;
        }).sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("endless");
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (job.getJobStatus().get() != JobStatus.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            HttpResponse<String> overview = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/jobs/overview")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, overview.statusCode(), "the REST endpoint answers on loopback");
            // /proc/net/tcp{,6} list listening sockets (state 0A) by local address, in hex.
            String portHex = String.format(Locale.ROOT, ":%04X", port);
            List<String> listening = new ArrayList<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Files.readAllLines(Path.of(table)).stream().skip(1).map(l -> l.trim().split("\\s+"))
                        .filter(f -> f[1].endsWith(portHex) && f[3].equals("0A")).forEach(f -> listening.add(f[1]));
            }
            assertFalse(listening.isEmpty(), "the endpoint's socket is listed");
            Set<String> loopback = Set.of("0100007F" + portHex, "0000000000000000FFFF00000100007F" + portHex,
                    "00000000000000000000000001000000" + portHex);
            assertTrue(loopback.containsAll(listening), "listening on " + listening);
        } finally {
            job.cancel().get();
        }
    }
}
