package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
 * EmbedImage with the real default model under Flink's operator test harness (model loaded once, in open), on
 * batches of one and of several images.
 * The harness hands back copies of the records, so they are compared by content.
 */
class EmbedImageTest {
    private static final Settings DEFAULTS = TestSettings.parse();
    private static OneInputStreamOperatorTestHarness<List<PreparedImage>, List<Embedding>> harness;

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

    @Test
    void aBatchGetsTheVectorsOfItsImagesOneByOneAndABadImageFailsAlone() throws Exception {
        ImageDecoder decoder = new ImageDecoder(Long.MAX_VALUE);
        List<PreparedImage> batch = new ArrayList<>();
        for (var image : TestImages.cifar(3)) {
            batch.add(TestMessages.upsert(10 + batch.size(), decoder.decode(image.bytes())));
        }
        batch.add(1, TestMessages.delete(20));
        batch.add(3, TestMessages.upsert(21, new RgbImage(1, 17_000_000, new byte[3 * 17_000_000])));

        List<Embedding> together = embedAll(batch);

        assertEquals(List.of(10L, 20L, 11L, 21L, 12L), together.stream().map(e -> e.input().id()).toList());
        assertNull(together.get(1).vector());
        assertNull(together.get(1).failure());
        assertTrue(together.get(3).failure().contains("aspect ratio"), together.get(3).failure());
        for (int i : new int[] {0, 2, 4}) {
            assertNull(together.get(i).failure());
            assertArrayEquals(embed(batch.get(i)).vector(), together.get(i).vector(), 1e-5f);
        }
        List<Embedding> good = embedAll(List.of(batch.get(0), batch.get(2), batch.get(4)));
        for (int i = 0; i < good.size(); i++) {
            assertArrayEquals(together.get(2 * i).vector(), good.get(i).vector(), 1e-5f); // one pass, same vectors
        }
    }

    private static Embedding embed(PreparedImage input) throws Exception {
        List<Embedding> embeddings = embedAll(List.of(input));
        assertEquals(1, embeddings.size());
        return embeddings.get(0);
    }

    private static List<Embedding> embedAll(List<PreparedImage> batch) throws Exception {
        harness.getOutput().clear();
        harness.processElement(batch, 0);
        assertEquals(1, harness.extractOutputValues().size());
        return harness.extractOutputValues().get(0);
    }
}
