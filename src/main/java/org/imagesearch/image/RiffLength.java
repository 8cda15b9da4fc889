package org.imagesearch.image;

/**
 * WebP files are RIFF containers whose header gives their length. TwelveMonkeys' WebP reader decodes a file
 * cut short without a word (lossless always, lossy when little is missing): the length is the only sign.
 */
final class RiffLength {
    private RiffLength() {}

    /** Whether {@code bytes} are a WebP file shorter than its RIFF header says. */
    static boolean isCutShort(byte[] bytes) {
        boolean webp = Bytes.asciiAt(bytes, 0, bytes.length, "RIFF") && Bytes.asciiAt(bytes, 8, bytes.length, "WEBP");
        return webp && bytes.length < Bytes.u32(bytes, 4, true) + 8;
    }
}
