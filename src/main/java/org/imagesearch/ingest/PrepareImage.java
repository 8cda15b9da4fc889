package org.imagesearch.ingest;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.imagesearch.image.DecodeTarget;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.ImageLoader;
import org.imagesearch.image.ImageRejectedException;
import org.imagesearch.image.LoaderLimits;
import org.imagesearch.image.RgbImage;
import org.imagesearch.image.Thumbnails;
import org.imagesearch.kafka.KafkaMessage;
import org.imagesearch.metrics.StageTimer;

/**
 * Parses a raw Kafka message, reads its image (inline, file or URL) and decodes it. Whatever fails
 * becomes a {@link DeadLetter} on {@link #DEAD_LETTERS} with the stage and reason; nothing is dropped.
 */
public final class PrepareImage extends ProcessFunction<KafkaMessage, PreparedImage> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final LoaderLimits limits;
    private final DecodeTarget decodeTarget;
    private transient IngestMessageParser parser;
    private transient ImageLoader loader;
    private transient ImageDecoder decoder;
    private transient StageTimer loadTimer;
    private transient StageTimer decodeTimer;
    private transient StageTimer thumbnailTimer;

    /** Images are decoded no larger than {@code decodeTarget} needs (see {@link ImageDecoder}). */
    public PrepareImage(LoaderLimits limits, DecodeTarget decodeTarget) {
        this.limits = limits;
        this.decodeTarget = decodeTarget;
    }

    @Override
    public void open(OpenContext context) {
        parser = new IngestMessageParser();
        loader = new ImageLoader(limits);
        decoder = new ImageDecoder(limits.maxPixels(), decodeTarget);
        loadTimer = StageTimer.register(getRuntimeContext().getMetricGroup(), "load");
        decodeTimer = StageTimer.register(getRuntimeContext().getMetricGroup(), "decode");
        thumbnailTimer = StageTimer.register(getRuntimeContext().getMetricGroup(), "thumbnail");
    }

    @Override
    public void processElement(KafkaMessage raw, Context ctx, Collector<PreparedImage> out) {
        Long id = null;
        try {
            IngestMessage message = parser.parse(raw.value());
            id = message.id();
            long version = versionOf(message, raw);
            RgbImage image = null;
            byte[] thumbnail = null;
            if (message.op() == IngestMessage.Operation.UPSERT) {
                StageTimer.Start load = loadTimer.start();
                byte[] bytes = message.inlineBytes() != null ? inline(message.inlineBytes()) : loader.load(message.uri());
                load.stop();
                StageTimer.Start decode = decodeTimer.start();
                image = decoder.decode(bytes);
                decode.stop();
                StageTimer.Start thumb = thumbnailTimer.start();
                thumbnail = Thumbnails.of(image);
                thumb.stop();
            }
            out.collect(new PreparedImage(raw, message.op(), message.id(), version, message.label(),
                    message.metadataJson(), image, thumbnail));
        } catch (MalformedMessageException e) {
            ctx.output(DEAD_LETTERS, DeadLetter.of(raw, Stage.PARSE, e.getMessage(), e.id()));
        } catch (ImageRejectedException e) {
            ctx.output(DEAD_LETTERS, DeadLetter.of(raw, Stage.of(e.step()), e.getMessage(), id));
        }
    }

    /**
     * The message's own {@code version}, else its record's timestamp (CreateTime, set by every producer):
     * the table keeps, per id, the change with the highest version, whatever partition it came through.
     */
    private static long versionOf(IngestMessage message, KafkaMessage raw) throws MalformedMessageException {
        if (message.version() != null) {
            return message.version();
        }
        if (raw.timestamp() < 0) {
            throw new MalformedMessageException("no \"version\" in the message and no timestamp on its Kafka record",
                    message.id());
        }
        return raw.timestamp();
    }

    /** Inline images get the same byte limit that the loader applies to files and downloads. */
    private byte[] inline(byte[] bytes) throws ImageRejectedException {
        limits.checkBytes(bytes.length);
        return bytes;
    }
}
