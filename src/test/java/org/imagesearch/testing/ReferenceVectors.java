package org.imagesearch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.imagesearch.embed.ImageEmbedder;
import org.imagesearch.image.ImageDecoder;

/** Vectors computed outside Flink with the real model, the way the pipeline decodes and embeds an image. */
public final class ReferenceVectors implements AutoCloseable {
    private final ImageEmbedder model = TestModels.defaultEmbedder();

    /** The default settings' vector of an encoded image. */
    public float[] of(byte[] encoded) throws Exception {
        return model.embed(new ImageDecoder(Long.MAX_VALUE).decode(encoded));
    }

    /** Equal component by component within 1e-4. */
    public static void assertVectorEquals(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4, "component " + i);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
