package org.imagesearch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.imagesearch.embed.ImageEmbedder;
import org.imagesearch.embed.ModelSpec;
import org.imagesearch.image.RgbImage;

/**
 * The ceiling for ingestion: preprocessing plus inference alone, one model and thread per core as in
 * the job, on images already decoded in memory. Returns images per second over all threads.
 */
public final class ModelOnlyBenchmark {
    private static final int WARM_UP = 5;

    private ModelOnlyBenchmark() {}

    public static double imagesPerSecond(ModelSpec model, int threads, List<RgbImage> images) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<RgbImage> share = images.subList(t * images.size() / threads, (t + 1) * images.size() / threads);
                done.add(pool.submit(() -> {
                    try (ImageEmbedder embedder = ImageEmbedder.load(model)) {
                        for (int i = 0; i < WARM_UP; i++) {
                            embedder.embed(share.get(i % share.size()));
                        }
                        ready.countDown();
                        go.await();
                        for (RgbImage image : share) {
                            embedder.embed(image);
                        }
                    }
                    return null;
                }));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            return images.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
