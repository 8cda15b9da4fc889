package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.image.DecodeTarget;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.RgbImage;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.testing.SideOutputs;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestMessages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DecodeImage: loaded bytes become a decoded image with its thumbnail; failed loads and non-images dead letters. */
class DecodeImageTest {
    private static DatasetImage cifar;

    @BeforeAll
    static void readImage() throws Exception {
        cifar = TestImages.cifar(1).get(0);
    }

    @Test
    void anImageIsDecodedWithItsThumbnail() throws Exception {
        PreparedImage prepared = decodeOne(LoadedImage.of(parsed(IngestMessageWriter.upsert(7, cifar)), cifar.bytes()));

        RgbImage expected = new ImageDecoder(Long.MAX_VALUE).decode(cifar.bytes());
        assertEquals(IngestMessage.Operation.UPSERT, prepared.op());
        assertEquals(7, prepared.id());
        assertEquals(3, prepared.version());
        assertEquals(cifar.label(), prepared.label());
        assertTrue(prepared.metadataJson().contains("\"record\""), prepared.metadataJson());
        assertArrayEquals(expected.rgb(), prepared.image().rgb());
        // a 32x32 image is its own lossless thumbnail
        assertArrayEquals(expected.rgb(), new ImageDecoder(Long.MAX_VALUE).decode(prepared.thumbnail()).rgb());
    }

    @Test
    void aDeletePassesWithoutAnImage() throws Exception {
        PreparedImage prepared = decodeOne(LoadedImage.of(parsed(IngestMessageWriter.delete(8)), null));

        assertEquals(IngestMessage.Operation.DELETE, prepared.op());
        assertEquals(8, prepared.id());
        assertNull(prepared.image());
        assertNull(prepared.thumbnail());
    }

    @Test
    void aFailedLoadBecomesALoadDeadLetterWithItsReason() throws Exception {
        byte[] payload = TestMessages.uri(12, "http://example.org/a.png");
        DeadLetter letter = rejectOne(LoadedImage.failed(parsed(payload), "HTTP 503 from http://example.org/a.png (3 attempts)"));

        assertEquals(Stage.LOAD.label(), letter.stage());
        assertEquals("HTTP 503 from http://example.org/a.png (3 attempts)", letter.reason());
        assertEquals(12L, letter.id());
        assertArrayEquals(payload, letter.payload());
    }

    @Test
    void bytesThatAreNoImageBecomeADecodeDeadLetter() throws Exception {
        byte[] text = "this is not an image".getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = rejectOne(LoadedImage.of(parsed(TestMessages.inline(13, text)), text));

        assertEquals(Stage.DECODE.label(), letter.stage());
        assertTrue(letter.reason().contains("not a supported image format"), letter.reason());
        assertEquals(13L, letter.id());
    }

    private static ParsedMessage parsed(byte[] payload) throws Exception {
        return new ParsedMessage(TestMessages.raw(41, payload), new IngestMessageParser().parse(payload), 3);
    }

    private static PreparedImage decodeOne(LoadedImage loaded) throws Exception {
        try (OneInputStreamOperatorTestHarness<LoadedImage, PreparedImage> harness = harness()) {
            harness.processElement(loaded, 0);
            assertEquals(List.of(), SideOutputs.of(harness, DeadLetter.SIDE_OUTPUT));
            List<PreparedImage> prepared = harness.extractOutputValues();
            assertEquals(1, prepared.size());
            assertArrayEquals(loaded.parsed().source().value(), prepared.get(0).source().value());
            return prepared.get(0);
        }
    }

    private static DeadLetter rejectOne(LoadedImage loaded) throws Exception {
        try (OneInputStreamOperatorTestHarness<LoadedImage, PreparedImage> harness = harness()) {
            harness.processElement(loaded, 0);
            assertEquals(List.of(), harness.extractOutputValues());
            List<DeadLetter> letters = SideOutputs.of(harness, DeadLetter.SIDE_OUTPUT);
            assertEquals(1, letters.size());
            assertEquals(41, letters.get(0).sourceOffset());
            return letters.get(0);
        }
    }

    private static OneInputStreamOperatorTestHarness<LoadedImage, PreparedImage> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(new DecodeImage(1_000_000, DecodeTarget.FULL));
    }
}
