package org.imagesearch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecodeTargetTest {
    private final DecodeTarget model128 = DecodeTarget.forModelInput(128);

    @Test
    void twoMegapixelPhotoIsDecodedAtAnEighthWhenTheShortSideStillCovers128() {
        assertEquals(8, model128.denominator(1600, 1200)); // 200x150
        assertEquals(8, model128.denominator(1200, 1600));
    }

    @Test
    void theThumbnailsLongSideKeepsSquareImagesLarger() {
        assertEquals(4, model128.denominator(1024, 1024)); // 1/8 would be 128x128, under the thumbnail's 160
        assertEquals(2, new DecodeTarget(256, 160).denominator(1000, 600)); // 1/4 would be 150 high
    }

    @Test
    void scaledSizesRoundUpAsLibjpegDoes() {
        assertEquals(8, new DecodeTarget(10, 10).denominator(73, 73)); // ceil(73 / 8) = 10
        assertEquals(4, new DecodeTarget(10, 10).denominator(72, 72)); // 72 / 8 = 9
    }

    @Test
    void smallImagesAndTheFullTargetAreNotReduced() {
        assertEquals(1, model128.denominator(200, 150));
        assertEquals(1, DecodeTarget.FULL.denominator(4000, 3000));
    }
}
