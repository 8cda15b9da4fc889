package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.imagesearch.config.Settings;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.RgbImage;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestMessages;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EmbedImage with the real default model under Flink's operator test harness (model loaded once, in open).
 * The harness hands back copies of the records, so they are compared by content.
 */
class EmbedImageTest {
    private static final Settings DEFAULTS = TestSettings.parse();
    private static OneInputStreamOperatorTestHarness<PreparedImage, Embedding> harness;

    @BeforeAll
    static void openOperator() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new StreamMap<>(new EmbedImage(DEFAULTS.modelSpec())));
        harness.open();
    }

    @AfterAll
    static void closeOperator() throws Exception {
        harness.close();
    }

    @Test
    void aRealImageGetsAVectorOfTheTablesDimension() throws Exception {
        RgbImage image = new ImageDecoder(Long.MAX_VALUE).decode(TestImages.cifar(1).get(0).bytes());
        PreparedImage input = TestMessages.upsert(1, image);

        Embedding embedding = embed(input);

        assertEquals(input.id(), embedding.input().id());
        assertNull(embedding.failure());
        assertEquals(DEFAULTS.database().table().dimension(), embedding.vector().length);
        double squares = 0;
        for (float v : embedding.vector()) {
            assertTrue(Float.isFinite(v));
            squares += v * v;
        }
        assertTrue(squares > 0, "not all zero");
        assertEquals(DEFAULTS.model().tag(), embedding.tag());
    }

    @Test
    void aDeletePassesThroughWithoutAVector() throws Exception {
        PreparedImage input = TestMessages.delete(2);

        Embedding embedding = embed(input);

        assertEquals(IngestMessage.Operation.DELETE, embedding.input().op());
        assertEquals(input.id(), embedding.input().id());
        assertNull(embedding.vector());
        assertNull(embedding.failure());
        assertEquals(DEFAULTS.model().tag(), embedding.tag());
    }

    @Test
    void anImageTheModelCannotTakeBecomesAFailureNotAnException() throws Exception {
        // 1 x 17M pixels: the resize to the input size would be over 2^31 pixels tall, so preprocessing refuses it
        RgbImage needle = new RgbImage(1, 17_000_000, new byte[3 * 17_000_000]);

        Embedding embedding = embed(TestMessages.upsert(3, needle));

        assertNull(embedding.vector());
        assertNotNull(embedding.failure());
        assertTrue(embedding.failure().startsWith("model error:") && embedding.failure().contains("aspect ratio"),
                embedding.failure());
    }

    private static Embedding embed(PreparedImage input) throws Exception {
        harness.getOutput().clear();
        harness.processElement(input, 0);
        assertEquals(1, harness.extractOutputValues().size());
        return harness.extractOutputValues().get(0);
    }
}
