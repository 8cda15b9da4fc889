package org.imagesearch.image;

import java.io.IOException;
import java.io.InputStream;

/** Reads a stream whole, but never more than a limit: a body without a Content-Length cannot exhaust memory. */
public final class BoundedRead {
    private BoundedRead() {}

    /** The stream's bytes, or null when it holds more than {@code max}. */
    public static byte[] atMost(InputStream in, long max) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        return bytes.length > max ? null : bytes;
    }
}
