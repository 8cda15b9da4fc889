package org.imagesearch.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imagesearch.image.RgbImage;
import org.junit.jupiter.api.Test;

class DescriptorTest {

    @Test
    void namesAreWhatRowsRecord() {
        assertEquals("logits", Descriptor.of("logits", 3, 224).name());
        assertEquals("logits-normalized", Descriptor.of("logits-normalized", 3, 224).name());
        assertEquals("gem-p3", Descriptor.of("gem", 3, 112).name());
        assertEquals("gem-p2.5", Descriptor.of("gem", 2.5, 112).name());
        assertEquals("gem-p3-flip", Descriptor.of("gem", 3, 112).flipInvariant().name());
        assertEquals("max", Descriptor.of("max", 3, 112).name());
        assertEquals("avg", Descriptor.of("avg", 3, 112).name());
        assertEquals(new DescriptorTag("m", "gem-p3", 112, null), Descriptor.of("gem", 3, 112).tag("m"));
    }

    @Test
    void kindIsTheOptionValueThatMakesTheDescriptor() {
        for (String kind : new String[] {"logits", "logits-normalized", "gem", "max", "avg"}) {
            assertEquals(kind, Descriptor.of(kind, 2.5, 112).kind());
        }
    }

    @Test
    void rawLogitsUseL2AndEverythingNormalisedUsesCosine() {
        assertEquals(DistanceMetric.L2, Descriptor.reference().naturalDistance());
        assertEquals(DistanceMetric.COSINE, Descriptor.of("logits-normalized", 3, 224).naturalDistance());
        assertEquals(DistanceMetric.COSINE, Descriptor.of("max", 3, 224).naturalDistance());
    }

    @Test
    void inputSizeKeepsTheReferenceRatioOfResizeToCrop() {
        ImagePreprocessor reference = Descriptor.reference().preprocessor();
        assertEquals(224, reference.crop());
        ImagePreprocessor small = Descriptor.of("gem", 3, 112).preprocessor();
        assertEquals(112, small.crop());
        // 112 * 256 / 224 = 128: resize 128, crop 112
        assertEquals(3 * 112 * 112, small.toTensor(new RgbImage(128, 160, new byte[128 * 160 * 3])).length);
    }

    @Test
    void aFlipInvariantDescriptorAddsThePooledImageAndMirrorBeforeNormalising() {
        float[] pair = {3, 0, 0, 0, 0, 0, 0, 0, /* the mirror: */ 0, 0, 0, 0, 0, 4, 0, 0}; // 2 x 2 channels of 2x2
        float[] both = Descriptor.of("max", 3, 112).flipInvariant().finish(pair, new long[] {2, 2, 2, 2});
        assertArrayEquals(new float[] {0.6f, 0.8f}, both, 1e-6f);
        assertThrows(IllegalArgumentException.class,
                () -> Descriptor.of("max", 3, 112).flipInvariant().finish(pair, new long[] {2, 4, 2}));
        assertThrows(IllegalArgumentException.class, () -> Descriptor.reference().flipInvariant());
    }

    @Test
    void finishPoolsNormalisesAndProjects() {
        float[] map = {3, 0, 0, 0, 0, 4, 0, 0}; // 2 channels of 2x2
        float[] max = Descriptor.of("max", 3, 112).finish(map, new long[] {2, 2, 2});
        assertArrayEquals(new float[] {0.6f, 0.8f}, max, 1e-6f);
        float[] logits = {3, 4};
        assertArrayEquals(new float[] {3, 4}, Descriptor.reference().finish(logits, new long[] {2}));
        assertArrayEquals(new float[] {0.6f, 0.8f}, Descriptor.of("logits-normalized", 3, 224).finish(logits,
                new long[] {2}), 1e-6f);
        assertArrayEquals(new float[] {3, 4}, logits, "the model's output is not changed in place");
        // a projection onto the second axis, then normalised again
        Projection second = new Projection(1, 2, 1, new float[] {0, 0}, new float[] {0, 2});
        assertArrayEquals(new float[] {1}, Descriptor.of("max", 3, 112).withProjection(second)
                .finish(map, new long[] {2, 2, 2}), 1e-6f);
        assertEquals(1, Descriptor.of("max", 3, 112).withProjection(second).tag("m").projectionVersion());
        assertNull(Descriptor.of("max", 3, 112).withProjection(second).withoutProjection().projection());
    }

    @Test
    void aModelOutputOfTheWrongShapeFailsWithAHint() {
        IllegalArgumentException pooled = assertThrows(IllegalArgumentException.class,
                () -> Descriptor.of("gem", 3, 112).finish(new float[1000], new long[] {1000}));
        assertTrue(pooled.getMessage().contains("use the features model"), pooled.getMessage());
        IllegalArgumentException logits = assertThrows(IllegalArgumentException.class,
                () -> Descriptor.reference().finish(new float[8], new long[] {2, 2, 2}));
        assertTrue(logits.getMessage().contains("use the classifier model"), logits.getMessage());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Descriptor.of("vlad", 3, 224));
        assertThrows(IllegalArgumentException.class, () -> Descriptor.of("gem", 0.5, 224));
        assertThrows(IllegalArgumentException.class, () -> Descriptor.of("gem", 3, 32));
        assertThrows(IllegalArgumentException.class, () -> Descriptor.of("gem", 3, 2048));
        Projection any = new Projection(1, 2, 1, new float[2], new float[2]);
        assertThrows(IllegalArgumentException.class, () -> Descriptor.reference().withProjection(any));
    }
}
