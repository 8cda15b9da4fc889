package org.imagesearch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExifOrientationTest {
    /** SOI, an APP1 Exif segment holding {@code tiff}, then the start of a scan. */
    private static byte[] jpegWithExif(byte[] tiff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1});
        int length = 2 + 6 + tiff.length;
        out.write(length >> 8);
        out.write(length);
        out.writeBytes("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(tiff);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 2});
        return out.toByteArray();
    }

    /** A TIFF header and an IFD0 declaring {@code declaredEntries} entries: Make, then Orientation. */
    private static byte[] tiff(ByteOrder order, int ifdOffset, int declaredEntries, int type, int value) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 * 2 + 4).order(order);
        tiff.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        tiff.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        tiff.putShort((short) 42).putInt(ifdOffset).putShort((short) declaredEntries);
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(4).putInt(0);        // Make
        tiff.putShort((short) 0x0112).putShort((short) type).putInt(1).putShort((short) value).putShort((short) 0);
        return tiff.putInt(0).array();
    }

    private static byte[] tiff(ByteOrder order, int value) {
        return tiff(order, 8, 2, 3, value);
    }

    @Test
    void readsTheTagInEitherByteOrder() {
        assertEquals(6, ExifOrientation.of(jpegWithExif(tiff(ByteOrder.BIG_ENDIAN, 6))));
        assertEquals(5, ExifOrientation.of(jpegWithExif(tiff(ByteOrder.LITTLE_ENDIAN, 5))));
    }

    @Test
    void readsTheFixturesPillowReadsBack() throws Exception {
        assertEquals(6, ExifOrientation.of(ImageDecoderTest.resource("images/orientation-6.jpg")));
        assertEquals(2, ExifOrientation.of(ImageDecoderTest.resource("images/orientation-2.jpg")));
        assertEquals(1, ExifOrientation.of(ImageDecoderTest.resource("images/upright.jpg")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9, 0xFFFF})
    void anOrientationOutsideOneToEightMeansAsStored(int value) {
        assertEquals(1, ExifOrientation.of(jpegWithExif(tiff(ByteOrder.LITTLE_ENDIAN, value))));
    }

    @Test
    void anOrientationThatIsNotAShortMeansAsStored() {
        assertEquals(1, ExifOrientation.of(jpegWithExif(tiff(ByteOrder.BIG_ENDIAN, 8, 2, 4, 6))));
    }

    @Test
    void offsetsAndCountsPointingPastTheSegmentAreIgnored() {
        assertEquals(1, ExifOrientation.of(jpegWithExif(tiff(ByteOrder.BIG_ENDIAN, 1000, 2, 3, 6))));
        assertEquals(1, ExifOrientation.of(jpegWithExif(tiff(ByteOrder.BIG_ENDIAN, -8, 2, 3, 6))));
        // A count of 65535 entries in a segment that holds two: only the two are read.
        assertEquals(6, ExifOrientation.of(jpegWithExif(tiff(ByteOrder.BIG_ENDIAN, 8, 0xFFFF, 3, 6))));
    }

    @Test
    void everyTruncationOfAnExifJpegIsReadWithoutFailing() throws Exception {
        byte[] jpeg = ImageDecoderTest.resource("images/orientation-6.jpg");
        for (int length = 0; length <= jpeg.length; length++) {
            int orientation = ExifOrientation.of(Arrays.copyOf(jpeg, length));
            assertTrue(orientation == 1 || orientation == 6, "orientation " + orientation + " at length " + length);
        }
    }

    @Test
    void bytesThatAreNotAJpegAreAsStored() {
        assertEquals(1, ExifOrientation.of(new byte[0]));
        assertEquals(1, ExifOrientation.of(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}));
    }

    @Test
    void aQuarterTurnSwapsWidthAndHeight() {
        // 3 x 2, pixel value = index: 0 1 2 / 3 4 5. Turned clockwise: 3 0 / 4 1 / 5 2.
        byte[] rgb = new byte[18];
        for (int i = 0; i < 6; i++) {
            Arrays.fill(rgb, i * 3, i * 3 + 3, (byte) i);
        }

        RgbImage turned = ExifOrientation.upright(new RgbImage(3, 2, rgb), 6);

        assertEquals(2, turned.width());
        assertEquals(3, turned.height());
        int[] expected = {3, 0, 4, 1, 5, 2};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], turned.sample(i % 2, i / 2, 0), "pixel " + i);
        }
    }
}
