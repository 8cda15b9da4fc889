package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.image.RgbImage;
import org.imagesearch.store.VectorRecord;
import org.imagesearch.testing.SideOutputs;
import org.imagesearch.testing.TestMessages;
import org.junit.jupiter.api.Test;

/** RouteEmbeddings under Flink's operator test harness: row changes out, model failures to the dead letters. */
class RouteEmbeddingsTest {
    private static final DescriptorTag TAG = new DescriptorTag("squeezenet1_0-features", "gem-p3", 112, null);
    private static final RgbImage PIXEL = new RgbImage(1, 1, new byte[3]);

    @Test
    void embeddingsBecomeRowChangesAndFailuresDeadLettersAtEmbed() throws Exception {
        PreparedImage upsert = TestMessages.upsert(1, PIXEL);
        PreparedImage failed = TestMessages.upsert(3, PIXEL);
        float[] vector = {0.25f, 0.5f};
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new RouteEmbeddings()))) {
            harness.open();
            harness.processElement(List.of(new Embedding(upsert, vector, TAG, null),
                    new Embedding(TestMessages.delete(2), null, TAG, null)), 0);
            harness.processElement(List.of(new Embedding(failed, null, TAG, "model error: boom")), 0);

            List<VectorRecord> rows = harness.extractOutputValues();
            assertEquals(2, rows.size());
            VectorRecord row = rows.get(0);
            assertEquals(1, row.id());
            assertFalse(row.delete());
            assertEquals(upsert.version(), row.version());
            assertEquals(upsert.label(), row.label());
            assertArrayEquals(vector, row.vector());
            assertEquals(upsert.metadataJson(), row.metadataJson());
            assertEquals(TAG, row.tag());
            assertArrayEquals(upsert.thumbnail(), row.thumbnail());
            VectorRecord delete = rows.get(1);
            assertEquals(2, delete.id());
            assertTrue(delete.delete());
            assertEquals(2, delete.version());
            assertNull(delete.vector());
            assertNull(delete.thumbnail());

            List<DeadLetter> letters = SideOutputs.of(harness, DeadLetter.SIDE_OUTPUT);
            assertEquals(1, letters.size());
            DeadLetter letter = letters.get(0);
            assertEquals(Stage.EMBED.label(), letter.stage());
            assertEquals("model error: boom", letter.reason());
            assertEquals(3L, letter.id());
            assertEquals(failed.source().offset(), letter.sourceOffset());
            assertArrayEquals(failed.source().value(), letter.payload());
        }
    }
}
