package org.imagesearch.image;

import java.util.regex.Pattern;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Keeps the first warning of a read that may mean damaged pixels. Readers report a truncated or corrupt
 * JPEG only as a warning ("Premature end of JPEG file") and fill what is missing with grey. TwelveMonkeys'
 * JPEG reader also warns about intact images whose colour profile or metadata (ICC, Exif, APPn segments,
 * thumbnails) it ignores or replaces: those notices say nothing about the pixel data.
 */
final class DamageWarnings implements IIOReadWarningListener {
    private static final Pattern NOTICE = Pattern.compile("\\b(ICC|colou?r profile|Exif|APP\\d|thumbnail)",
            Pattern.CASE_INSENSITIVE);
    private String first;

    @Override
    public void warningOccurred(ImageReader source, String warning) {
        if (first == null && !NOTICE.matcher(warning).find()) {
            first = warning;
        }
    }

    /** The first warning about the pixel data, or null when there was none. */
    String first() {
        return first;
    }
}
