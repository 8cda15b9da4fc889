package org.imagesearch.kafka;

/**
 * How large an ingest message may be: an inline image of the loader's default limit (20 MB) in base64
 * (4/3 of it) with its metadata. Kafka's own default is 1 MB, so the publisher's {@code max.request.size}
 * and the ingest topic's {@code max.message.bytes} are both set to this; a topic created elsewhere needs the
 * same {@code max.message.bytes}, or messages over 1 MB are refused by the broker (and reported by the sender).
 */
public final class MessageSizes {
    public static final int MAX_INGEST_MESSAGE_BYTES = 32 * 1024 * 1024;

    private MessageSizes() {}
}
