package org.imagesearch.ingest;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.imagesearch.image.DecodeTarget;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.ImageRejectedException;
import org.imagesearch.image.RgbImage;
import org.imagesearch.image.Thumbnails;
import org.imagesearch.metrics.StageTimer;

/**
 * Decodes each loaded image and makes its thumbnail, on the task's own thread: the work is CPU-bound, so more
 * threads than slots would only take cores from the model. A load that failed becomes a {@link Stage#LOAD} dead
 * letter here, an image that does not decode a {@link Stage#DECODE} one.
 */
public final class DecodeImage extends ProcessFunction<LoadedImage, PreparedImage> {
    private final long maxPixels;
    private final DecodeTarget decodeTarget;
    private transient ImageDecoder decoder;
    private transient StageTimer decodeTimer;
    private transient StageTimer thumbnailTimer;

    /** Images are decoded no larger than {@code decodeTarget} needs (see {@link ImageDecoder}). */
    public DecodeImage(long maxPixels, DecodeTarget decodeTarget) {
        this.maxPixels = maxPixels;
        this.decodeTarget = decodeTarget;
    }

    @Override
    public void open(OpenContext context) {
        decoder = new ImageDecoder(maxPixels, decodeTarget);
        decodeTimer = StageTimer.register(getRuntimeContext().getMetricGroup(), "decode");
        thumbnailTimer = StageTimer.register(getRuntimeContext().getMetricGroup(), "thumbnail");
    }

    @Override
    public void processElement(LoadedImage loaded, Context ctx, Collector<PreparedImage> out) {
        ParsedMessage parsed = loaded.parsed();
        IngestMessage message = parsed.message();
        if (loaded.failure() != null) {
            ctx.output(DeadLetter.SIDE_OUTPUT, DeadLetter.of(parsed.source(), Stage.LOAD, loaded.failure(), message.id()));
            return;
        }
        RgbImage image = null;
        byte[] thumbnail = null;
        if (message.op() == IngestMessage.Operation.UPSERT) {
            try {
                StageTimer.Start decode = decodeTimer.start();
                image = decoder.decode(loaded.bytes());
                decode.stop();
                StageTimer.Start thumb = thumbnailTimer.start();
                thumbnail = Thumbnails.of(image);
                thumb.stop();
            } catch (ImageRejectedException e) {
                ctx.output(DeadLetter.SIDE_OUTPUT, DeadLetter.of(parsed.source(), Stage.of(e.step()), e.getMessage(),
                        message.id()));
                return;
            }
        }
        out.collect(new PreparedImage(parsed.source(), message.op(), message.id(), parsed.version(), message.label(),
                message.metadataJson(), image, thumbnail));
    }
}
