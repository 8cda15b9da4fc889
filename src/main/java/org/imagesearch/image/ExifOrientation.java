package org.imagesearch.image;

/**
 * The EXIF Orientation tag of a JPEG (1-8: how the stored pixels must be turned or mirrored to be shown
 * upright) and that turn, as PIL's {@code ImageOps.exif_transpose} does it, so a photo taken with the camera
 * held sideways gets the vector of the upright picture. The tag is read from the bytes (APP1 "Exif" segment,
 * TIFF IFD0) without a second pass through the decoder; a missing, damaged or unknown tag means 1 (as stored).
 */
final class ExifOrientation {
    private static final int UPRIGHT = 1;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {}

    /** The Orientation of the first Exif segment before the image data, or 1. */
    static int of(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return UPRIGHT;
        }
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                pos++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) { // start of scan or end of image: no Exif before the pixels
                return UPRIGHT;
            }
            int end = pos + 2 + Bytes.u16(jpeg, pos + 2, false);
            if (end > jpeg.length || end < pos + 4) {
                return UPRIGHT;
            }
            if (marker == 0xE1 && Bytes.asciiAt(jpeg, pos + 4, end, "Exif\0\0")) {
                return fromTiff(jpeg, pos + 10, end);
            }
            pos = end;
        }
        return UPRIGHT;
    }

    /** Reads the Orientation entry of IFD0 from the TIFF structure in {@code bytes[start, end)}. */
    private static int fromTiff(byte[] bytes, int start, int end) {
        if (end - start < 8) {
            return UPRIGHT;
        }
        boolean little;
        if (Bytes.asciiAt(bytes, start, end, "II")) {
            little = true;
        } else if (Bytes.asciiAt(bytes, start, end, "MM")) {
            little = false;
        } else {
            return UPRIGHT;
        }
        long ifd = start + Bytes.u32(bytes, start + 4, little);
        if (Bytes.u16(bytes, start + 2, little) != 42 || ifd + 2 > end) {
            return UPRIGHT;
        }
        int entries = Bytes.u16(bytes, (int) ifd, little);
        for (int i = 0, entry = (int) ifd + 2; i < entries && entry + 12 <= end; i++, entry += 12) {
            if (Bytes.u16(bytes, entry, little) == ORIENTATION_TAG) {
                int value = Bytes.u16(bytes, entry + 8, little);
                boolean valid = Bytes.u16(bytes, entry + 2, little) == TYPE_SHORT && value >= 1 && value <= 8;
                return valid ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    /**
     * The image shown upright. Output pixel (x, y) is source pixel {@code base + x * dx + y * dy} (in pixels),
     * walking the source backwards for a mirror and by rows instead of columns for a quarter turn.
     */
    static RgbImage upright(RgbImage image, int orientation) {
        int w = image.width();
        int h = image.height();
        int last = w * h - 1;
        int[] walk = switch (orientation) { // named as PIL's Image.Transpose methods that undo the orientation
            case 2 -> new int[] {w - 1, -1, w};           // FLIP_LEFT_RIGHT
            case 3 -> new int[] {last, -1, -w};           // ROTATE_180
            case 4 -> new int[] {last - (w - 1), 1, -w};  // FLIP_TOP_BOTTOM
            case 5 -> new int[] {0, w, 1};                // TRANSPOSE
            case 6 -> new int[] {last - (w - 1), -w, 1};  // ROTATE_270 (a quarter turn clockwise)
            case 7 -> new int[] {last, -w, -1};           // TRANSVERSE
            case 8 -> new int[] {w - 1, w, -1};           // ROTATE_90 (a quarter turn counter-clockwise)
            default -> null;
        };
        if (walk == null) {
            return image;
        }
        boolean quarterTurn = orientation >= 5;
        int outWidth = quarterTurn ? h : w;
        int outHeight = quarterTurn ? w : h;
        byte[] source = image.rgb();
        byte[] out = new byte[source.length];
        int o = 0;
        for (int y = 0; y < outHeight; y++) {
            int s = walk[0] + y * walk[2];
            for (int x = 0; x < outWidth; x++, s += walk[1]) {
                out[o++] = source[s * 3];
                out[o++] = source[s * 3 + 1];
                out[o++] = source[s * 3 + 2];
            }
        }
        return new RgbImage(outWidth, outHeight, out);
    }
}
