package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.DecodeTarget;
import org.imagesearch.image.LoaderLimits;
import org.imagesearch.image.RgbImage;
import org.imagesearch.kafka.KafkaMessage;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.testing.SideOutputs;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestMessages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PrepareImage under Flink's operator test harness: prepared images on the main output, failures on the side. */
class PrepareImageTest {
    private static final long MAX_BYTES = 100_000;
    private static DatasetImage cifar;

    @TempDir
    Path root;

    @BeforeAll
    static void readImage() throws Exception {
        cifar = TestImages.cifar(1).get(0);
    }

    @Test
    void aValidInlineImageIsDecodedWithItsThumbnail() throws Exception {
        PreparedImage prepared = prepareOne(IngestMessageWriter.upsert(7, cifar));

        RgbImage expected = new ImageDecoder(Long.MAX_VALUE).decode(cifar.bytes());
        assertEquals(IngestMessage.Operation.UPSERT, prepared.op());
        assertEquals(7, prepared.id());
        assertEquals(cifar.label(), prepared.label());
        assertTrue(prepared.metadataJson().contains("\"record\""), prepared.metadataJson());
        assertEquals(32, prepared.image().width());
        assertArrayEquals(expected.rgb(), prepared.image().rgb());
        // a 32x32 image is its own lossless thumbnail
        assertArrayEquals(expected.rgb(), new ImageDecoder(Long.MAX_VALUE).decode(prepared.thumbnail()).rgb());
    }

    @Test
    void aDeletePassesWithoutAnImage() throws Exception {
        PreparedImage prepared = prepareOne(IngestMessageWriter.delete(8));

        assertEquals(IngestMessage.Operation.DELETE, prepared.op());
        assertEquals(8, prepared.id());
        assertNull(prepared.image());
        assertNull(prepared.thumbnail());
    }

    @Test
    void theVersionIsTheMessagesOwnElseItsRecordsTimestamp() throws Exception {
        assertEquals(1_700_000_000_123L, prepareOne(stamped(1_700_000_000_123L, "{\"id\":8,\"op\":\"delete\"}")).version());
        assertEquals(3L, prepareOne(stamped(1_700_000_000_123L, "{\"id\":8,\"op\":\"delete\",\"version\":3}")).version());
        assertEquals(3L, prepareOne(stamped(-1, "{\"id\":8,\"op\":\"delete\",\"version\":3}")).version());
        String upsert = "{\"id\":8,\"bytes\":\"" + Base64.getEncoder().encodeToString(cifar.bytes()) + "\",\"version\":4}";
        assertEquals(4L, prepareOne(stamped(1_700_000_000_123L, upsert)).version());
    }

    @Test
    void aRecordWithoutTimestampIsRejectedAtParseUnlessTheMessageHasAVersion() throws Exception {
        try (OneInputStreamOperatorTestHarness<KafkaMessage, PreparedImage> harness = harness()) {
            harness.processElement(stamped(-1, "{\"id\":8,\"op\":\"delete\"}"), 0);
            assertEquals(List.of(), harness.extractOutputValues());
            DeadLetter letter = SideOutputs.of(harness, PrepareImage.DEAD_LETTERS).get(0);
            assertEquals(Stage.PARSE.label(), letter.stage());
            assertTrue(letter.reason().contains("\"version\""), letter.reason());
            assertEquals(8L, letter.id());
        }
    }

    @Test
    void malformedJsonIsRejectedAtParseWithoutAnId() throws Exception {
        DeadLetter letter = rejectOne(TestMessages.json("{not json"), Stage.PARSE, "not valid JSON");
        assertNull(letter.id());
    }

    @Test
    void badBase64IsRejectedAtParseWithTheIdItRead() throws Exception {
        // the id was valid: the dead letter says which image the broken message was for
        DeadLetter letter = rejectOne(TestMessages.json("{\"id\":11,\"bytes\":\"@@@\"}"), Stage.PARSE, "not valid base64");
        assertEquals(11L, letter.id());
    }

    @Test
    void anInlineImageOverTheByteLimitIsRejectedAtLoad() throws Exception {
        byte[] oversized = new byte[(int) MAX_BYTES + 1];
        System.arraycopy(cifar.bytes(), 0, oversized, 0, cifar.bytes().length);
        DeadLetter letter = rejectOne(TestMessages.inline(12, oversized), Stage.LOAD, "more than the limit of " + MAX_BYTES);
        assertEquals(12L, letter.id());
    }

    @Test
    void bytesThatAreNoImageAreRejectedAtDecode() throws Exception {
        byte[] text = "this is not an image".getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = rejectOne(TestMessages.inline(13, text), Stage.DECODE, "not a supported image format");
        assertEquals(13L, letter.id());
    }

    @Test
    void aFileOutsideTheRootsIsRejectedAtLoad(@TempDir Path outside) throws Exception {
        Path secret = Files.write(outside.resolve("secret.png"), cifar.bytes());
        DeadLetter letter = rejectOne(TestMessages.uri(14, secret.toUri().toString()), Stage.LOAD,
                "outside the configured roots");
        assertEquals(14L, letter.id());
    }

    @Test
    void aFileInsideTheRootsIsLoaded() throws Exception {
        Path image = Files.write(root.resolve("good.png"), cifar.bytes());
        PreparedImage prepared = prepareOne(TestMessages.uri(15, image.toUri().toString()));
        assertEquals(15, prepared.id());
        assertArrayEquals(new ImageDecoder(Long.MAX_VALUE).decode(cifar.bytes()).rgb(), prepared.image().rgb());
    }

    /** Runs one message through the operator and returns its single prepared image; no dead letter. */
    private PreparedImage prepareOne(byte[] payload) throws Exception {
        return prepareOne(TestMessages.raw(0, payload));
    }

    private PreparedImage prepareOne(KafkaMessage raw) throws Exception {
        try (OneInputStreamOperatorTestHarness<KafkaMessage, PreparedImage> harness = harness()) {
            harness.processElement(raw, 0);
            assertEquals(List.of(), SideOutputs.of(harness, PrepareImage.DEAD_LETTERS));
            List<PreparedImage> prepared = harness.extractOutputValues();
            assertEquals(1, prepared.size());
            assertArrayEquals(raw.value(), prepared.get(0).source().value());
            return prepared.get(0);
        }
    }

    private static KafkaMessage stamped(long timestamp, String json) {
        return new KafkaMessage(TestMessages.TOPIC, 1, 5, timestamp, null, TestMessages.json(json));
    }

    /** Runs one message through the operator and returns its single dead letter; no prepared image. */
    private DeadLetter rejectOne(byte[] payload, Stage stage, String reason) throws Exception {
        try (OneInputStreamOperatorTestHarness<KafkaMessage, PreparedImage> harness = harness()) {
            harness.processElement(TestMessages.raw(41, payload), 0);
            assertEquals(List.of(), harness.extractOutputValues());
            List<DeadLetter> letters = SideOutputs.of(harness, PrepareImage.DEAD_LETTERS);
            assertEquals(1, letters.size());
            DeadLetter letter = letters.get(0);
            assertEquals(stage.label(), letter.stage());
            assertTrue(letter.reason().contains(reason), letter.reason());
            assertEquals(TestMessages.TOPIC, letter.sourceTopic());
            assertEquals(41, letter.sourceOffset());
            assertArrayEquals(payload, letter.payload());
            return letter;
        }
    }

    private OneInputStreamOperatorTestHarness<KafkaMessage, PreparedImage> harness() throws Exception {
        LoaderLimits limits = new LoaderLimits(List.of(root.toString()), List.of(), List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1),
                MAX_BYTES, 1_000_000);
        return ProcessFunctionTestHarnesses.forProcessFunction(new PrepareImage(limits, DecodeTarget.FULL));
    }
}
