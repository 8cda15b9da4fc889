package org.imagesearch.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Sends {@code total} requests with {@code clients} concurrent clients (each waits for its answer before
 * sending the next) and measures every request's latency and the overall throughput.
 */
final class HttpLoad {
    record Result(int clients, int requests, double seconds, Percentiles latencyMs, int failures) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private HttpLoad() {}

    static Result run(HttpClient http, int clients, int total, IntFunction<HttpRequest> request) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        double[] latencies = new double[total];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> response = http.send(request.apply(i), HttpResponse.BodyHandlers.ofByteArray());
                        latencies[i] = (System.nanoTime() - t0) / 1e6;
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return new Result(clients, total, (System.nanoTime() - start) / 1e9, new Percentiles(latencies), failures.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
