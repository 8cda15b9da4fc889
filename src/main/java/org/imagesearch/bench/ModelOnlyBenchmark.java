package org.imagesearch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.ImageEmbedder;
import org.imagesearch.embed.ModelSpec;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.ImageRejectedException;
import org.imagesearch.image.RgbImage;

/**
 * The ceiling for ingestion: preprocessing plus inference alone, one model and thread per core as in
 * the job, in micro-batches of a given size, on images already decoded in memory.
 */
public final class ModelOnlyBenchmark {
    private static final int WARM_UP = 5;
    /** Decoded images kept for a run at most; more are the first ones again. */
    private static final long MAX_DECODED_BYTES = 1L << 30;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Images per second over all threads, and CPU milliseconds the threads spent per image. */
    public record Rate(double imagesPerSecond, double cpuMillisPerImage) {}

    private ModelOnlyBenchmark() {}

    public static Rate measure(ModelSpec model, int threads, int batchSize, List<RgbImage> images) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Long>> cpuNanos = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<RgbImage> share = images.subList(t * images.size() / threads, (t + 1) * images.size() / threads);
                cpuNanos.add(pool.submit(() -> {
                    try (ImageEmbedder embedder = ImageEmbedder.load(model)) {
                        for (int i = 0; i < WARM_UP; i++) {
                            embedder.embedAll(share.subList(0, Math.min(share.size(), batchSize)));
                        }
                        ready.countDown();
                        go.await();
                        long cpu = THREADS.getCurrentThreadCpuTime();
                        for (int i = 0; i < share.size(); i += batchSize) {
                            embedder.embedAll(share.subList(i, Math.min(share.size(), i + batchSize)));
                        }
                        return THREADS.getCurrentThreadCpuTime() - cpu;
                    }
                }));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            long cpu = 0;
            for (Future<Long> f : cpuNanos) {
                cpu += f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Rate(images.size() / seconds, cpu / 1e6 / images.size());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * {@code count} images of {@code images} decoded as the job with {@code settings} decodes them: the first ones, or as many as fit in
     * memory repeated in turn, since the model's cost depends on an image's size, not on which image it is.
     */
    public static List<RgbImage> decoded(BenchImages images, Settings settings, int count) throws IOException {
        ImageDecoder decoder = new ImageDecoder(settings.loader().maxPixels(), settings.modelSpec().decodeTarget());
        List<RgbImage> decoded = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < Math.min(count, images.size()) && bytes < MAX_DECODED_BYTES; i++) {
            try {
                decoded.add(decoder.decode(images.bytes(i)));
            } catch (ImageRejectedException e) {
                throw new IllegalArgumentException("image " + i + " of the data set does not decode: " + e.getMessage());
            }
            bytes += decoded.get(i).rgb().length;
        }
        List<RgbImage> cycle = decoded;
        return IntStream.range(0, count).mapToObj(i -> cycle.get(i % cycle.size())).toList();
    }
}
