package org.imagesearch.bench;

import java.util.Locale;

/** How the benchmark's messages carry their images, which decides what the job's load stage does. */
public enum ImageDelivery {
    /** {@code file:} URIs of a folder's files, read under the job's file roots. */
    FILE,
    /** The image file's bytes in the message. */
    INLINE,
    /** {@code http:} URIs of the image server the benchmark runs on the loopback interface. */
    HTTP;

    /** From the command's flags: a folder goes as {@code file:} URIs unless told otherwise, other data sets inline. */
    public static ImageDelivery of(boolean inline, boolean viaHttp, boolean folder) {
        if (inline && viaHttp) {
            throw new IllegalArgumentException("--inline and --via-http exclude each other");
        }
        return viaHttp ? HTTP : inline || !folder ? INLINE : FILE;
    }

    /** As the JSON line names it: file, inline or http. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
