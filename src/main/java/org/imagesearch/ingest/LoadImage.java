package org.imagesearch.ingest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.imagesearch.image.ImageLoader;
import org.imagesearch.image.ImageRejectedException;
import org.imagesearch.image.LoaderLimits;
import org.imagesearch.image.RetryingLoader;
import org.imagesearch.metrics.StageTimer;

/**
 * Reads each message's image bytes (file or URL) on a pool of {@link LoaderLimits#loadCapacity()} threads, so a
 * slow server holds a load, not the task slot: the async operator keeps that many in flight and hands their
 * results on in input order. Transient HTTP failures are retried ({@link RetryingLoader}), each retry counted in
 * {@code imagesearch.load_retries}. A load that fails, or outlasts its {@link #deadline}, comes out with its reason.
 */
public final class LoadImage extends RichAsyncFunction<ParsedMessage, LoadedImage> {
    private final LoaderLimits limits;
    private transient ScheduledExecutorService pool;
    private transient RetryingLoader loader;
    private transient StageTimer loadTimer;

    public LoadImage(LoaderLimits limits) {
        this.limits = limits;
    }

    /** The longest a load may take with all its tries, and so the async operator's timeout. */
    public static Duration deadline(LoaderLimits limits) {
        return limits.retries().deadline(limits.readTimeout());
    }

    @Override
    public void open(OpenContext context) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        Counter retries = metrics.addGroup("imagesearch").counter("load_retries", new ThreadSafeSimpleCounter());
        loadTimer = StageTimer.register(metrics, "load");
        ImageLoader images = new ImageLoader(limits);
        pool = Executors.newScheduledThreadPool(limits.loadCapacity(), task -> {
            Thread thread = new Thread(task, "image-loader");
            thread.setDaemon(true);
            return thread;
        });
        loader = new RetryingLoader(reference -> {
            StageTimer.Start load = loadTimer.start();
            try {
                return images.load(reference);
            } finally {
                load.stop();
            }
        }, limits.retries(), limits.readTimeout(), pool, retries::inc);
    }

    @Override
    public void asyncInvoke(ParsedMessage parsed, ResultFuture<LoadedImage> result) {
        IngestMessage message = parsed.message();
        if (message.op() == IngestMessage.Operation.DELETE) {
            result.complete(List.of(LoadedImage.of(parsed, null)));
        } else if (message.inlineBytes() != null) {
            result.complete(List.of(inline(parsed, message.inlineBytes())));
        } else {
            loader.load(message.uri()).whenComplete((bytes, error) -> {
                if (error == null) {
                    result.complete(List.of(LoadedImage.of(parsed, bytes)));
                } else if (error instanceof ImageRejectedException rejected) {
                    result.complete(List.of(LoadedImage.failed(parsed, rejected.getMessage())));
                } else {
                    result.completeExceptionally(error);
                }
            });
        }
    }

    /** A load still running at the deadline is given up: the message is dead-lettered, the job goes on. */
    @Override
    public void timeout(ParsedMessage parsed, ResultFuture<LoadedImage> result) {
        result.complete(List.of(LoadedImage.failed(parsed,
                "no image within the load's deadline of " + deadline(limits).toMillis() + " ms")));
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * Inline images get the same byte limit that the loader applies to files and downloads, on the task's thread:
     * there is nothing to wait for. Timed as their load, so every delivery reports one.
     */
    private LoadedImage inline(ParsedMessage parsed, byte[] bytes) {
        StageTimer.Start load = loadTimer.start();
        try {
            limits.checkBytes(bytes.length);
            return LoadedImage.of(parsed, bytes);
        } catch (ImageRejectedException e) {
            return LoadedImage.failed(parsed, e.getMessage());
        } finally {
            load.stop();
        }
    }
}
