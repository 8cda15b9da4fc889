package org.imagesearch.ingest;

/**
 * A parsed message with its image's encoded bytes (null for a delete), or the reason they could not be read:
 * an asynchronous function has no side output, so its failures travel as data to {@link DecodeImage}.
 */
public record LoadedImage(ParsedMessage parsed, byte[] bytes, String failure) {
    static LoadedImage of(ParsedMessage parsed, byte[] bytes) {
        return new LoadedImage(parsed, bytes, null);
    }

    static LoadedImage failed(ParsedMessage parsed, String reason) {
        return new LoadedImage(parsed, null, reason);
    }
}
