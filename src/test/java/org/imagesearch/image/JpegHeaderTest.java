package org.imagesearch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.imagesearch.testing.TestImages;
import org.junit.jupiter.api.Test;

class JpegHeaderTest {
    @Test
    void readsTheFrameSizeAfterTheExifSegment() throws Exception {
        JpegHeader header = JpegHeader.of(TestImages.fixture("images/orientation-6.jpg"));
        assertEquals(80, header.width());
        assertEquals(120, header.height());
        assertEquals(3, header.components());
        assertTrue(header.fastPathCanDecode());
    }

    @Test
    void cmykAndCutShortFilesAreLeftToImageIo() throws Exception {
        assertFalse(JpegHeader.of(TestImages.fixture("images/cmyk.jpg")).fastPathCanDecode());
        byte[] jpeg = TestImages.fixture("images/upright.jpg");
        JpegHeader cut = JpegHeader.of(Arrays.copyOf(jpeg, jpeg.length - 10));
        assertFalse(cut.complete());
        assertFalse(cut.fastPathCanDecode());
    }

    @Test
    void zeroPaddingAfterTheEndMarkerStillCountsAsComplete() throws Exception {
        byte[] jpeg = TestImages.fixture("images/upright.jpg");
        assertTrue(JpegHeader.of(Arrays.copyOf(jpeg, jpeg.length + 64)).complete());
    }

    @Test
    void otherFormatsAndBrokenMarkersHaveNoHeader() throws Exception {
        assertNull(JpegHeader.of(TestImages.fixture("images/source.png")));
        assertNull(JpegHeader.of(new byte[] {(byte) 0xFF, (byte) 0xD8, 0x12, 0x34, 0, 0}));
        assertNull(JpegHeader.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}));
    }
}
