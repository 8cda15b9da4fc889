package org.imagesearch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecodeTargetTest {
    private final DecodeTarget resize128 = DecodeTarget.forModelInput(128); // short side >= 256

    @Test
    void photosAreDecodedAtTheSmallestScaleThatKeepsTwiceTheResize() {
        assertEquals(4, resize128.denominator(1600, 1200)); // 400x300
        assertEquals(4, resize128.denominator(1200, 1600));
        assertEquals(8, resize128.denominator(4000, 3000)); // 500x375
    }

    @Test
    void theThumbnailsLongSideCanKeepAnImageLarger() {
        assertEquals(4, new DecodeTarget(100, 160).denominator(1000, 1000)); // 1/8 would be 125 on the long side
        assertEquals(8, new DecodeTarget(100, 120).denominator(1000, 1000));
    }

    @Test
    void scaledSizesRoundUpAsLibjpegDoes() {
        assertEquals(8, new DecodeTarget(10, 10).denominator(73, 73)); // ceil(73 / 8) = 10
        assertEquals(4, new DecodeTarget(10, 10).denominator(72, 72)); // 72 / 8 = 9
    }

    @Test
    void smallImagesAndTheFullTargetAreNotReduced() {
        assertEquals(1, resize128.denominator(400, 300));
        assertEquals(1, DecodeTarget.FULL.denominator(4000, 3000));
    }
}
