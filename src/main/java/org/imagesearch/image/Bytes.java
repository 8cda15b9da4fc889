package org.imagesearch.image;

/** Reading the headers of image files: ASCII tags and unsigned integers in either byte order. */
final class Bytes {
    private Bytes() {}

    /** Whether {@code bytes[at, end)} starts with the ASCII {@code text}. */
    static boolean asciiAt(byte[] bytes, int at, int end, String text) {
        if (end - at < text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (bytes[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int u16(byte[] bytes, int at, boolean littleEndian) {
        int a = bytes[at] & 0xFF;
        int b = bytes[at + 1] & 0xFF;
        return littleEndian ? a | b << 8 : a << 8 | b;
    }

    static long u32(byte[] bytes, int at, boolean littleEndian) {
        long high = u16(bytes, littleEndian ? at + 2 : at, littleEndian);
        long low = u16(bytes, littleEndian ? at : at + 2, littleEndian);
        return high << 16 | low;
    }
}
