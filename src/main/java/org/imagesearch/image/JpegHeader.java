package org.imagesearch.image;

/**
 * What the fast JPEG path needs to know before decoding: the frame's size, sample precision and component
 * count (from its SOF marker), and whether the file ends with an EOI marker. A file libjpeg would decode
 * only with warnings (cut short, CMYK, 12-bit) is left to the ImageIO path, which turns warnings into refusals.
 */
record JpegHeader(int width, int height, int precision, int components, boolean complete) {
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;

    /** The header of a JPEG file, or null when {@code bytes} is not one or its markers cannot be followed. */
    static JpegHeader of(byte[] bytes) {
        if (bytes.length < 4 || (bytes[0] & 0xFF) != 0xFF || (bytes[1] & 0xFF) != SOI) {
            return null;
        }
        int i = 2;
        while (i + 4 <= bytes.length) {
            if ((bytes[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = bytes[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                i++;
                continue;
            }
            int length = u16(bytes, i + 2);
            if (length < 2 || marker == SOS) {
                return null; // a scan before any frame header
            }
            if (isStartOfFrame(marker)) {
                if (i + 10 > bytes.length) {
                    return null;
                }
                return new JpegHeader(u16(bytes, i + 7), u16(bytes, i + 5), bytes[i + 4] & 0xFF, bytes[i + 9] & 0xFF,
                        endsWithEoi(bytes));
            }
            i += 2 + length;
        }
        return null;
    }

    /** 8-bit grey or YCbCr/RGB, complete, with a size: what libjpeg decodes without a warning we could not see. */
    boolean fastPathCanDecode() {
        return complete && precision == 8 && (components == 1 || components == 3) && width > 0 && height > 0;
    }

    long pixels() {
        return (long) width * height;
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** EOI at the end, allowing the zero padding some cameras and editors append after it. */
    private static boolean endsWithEoi(byte[] bytes) {
        int end = bytes.length;
        while (end > 2 && bytes[end - 1] == 0) {
            end--;
        }
        return end >= 2 && (bytes[end - 2] & 0xFF) == 0xFF && (bytes[end - 1] & 0xFF) == EOI;
    }

    private static int u16(byte[] bytes, int at) {
        return Bytes.u16(bytes, at, false); // JPEG is big-endian
    }
}
