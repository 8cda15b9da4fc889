package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.imagesearch.kafka.KafkaMessage;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.testing.SideOutputs;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestMessages;
import org.junit.jupiter.api.Test;

/** ParseMessage under Flink's operator test harness: parsed messages on the main output, malformed on the side. */
class ParseMessageTest {
    @Test
    void aMessageComesOutParsedWithItsRecord() throws Exception {
        byte[] payload = IngestMessageWriter.upsert(7, TestImages.cifar(1).get(0));
        ParsedMessage parsed = parseOne(TestMessages.raw(0, payload));

        assertEquals(7, parsed.message().id());
        assertEquals(IngestMessage.Operation.UPSERT, parsed.message().op());
        assertArrayEquals(payload, parsed.source().value());
    }

    @Test
    void theVersionIsTheMessagesOwnElseItsRecordsTimestamp() throws Exception {
        assertEquals(1_700_000_000_123L, parseOne(stamped(1_700_000_000_123L, "{\"id\":8,\"op\":\"delete\"}")).version());
        assertEquals(3L, parseOne(stamped(1_700_000_000_123L, "{\"id\":8,\"op\":\"delete\",\"version\":3}")).version());
        assertEquals(3L, parseOne(stamped(-1, "{\"id\":8,\"op\":\"delete\",\"version\":3}")).version());
        String upsert = "{\"id\":8,\"bytes\":\"" + Base64.getEncoder().encodeToString(new byte[] {1}) + "\",\"version\":4}";
        assertEquals(4L, parseOne(stamped(1_700_000_000_123L, upsert)).version());
    }

    @Test
    void aRecordWithoutTimestampIsRejectedUnlessTheMessageHasAVersion() throws Exception {
        DeadLetter letter = rejectOne(stamped(-1, "{\"id\":8,\"op\":\"delete\"}"));
        assertTrue(letter.reason().contains("\"version\""), letter.reason());
        assertEquals(8L, letter.id());
    }

    @Test
    void malformedJsonIsRejectedWithoutAnId() throws Exception {
        DeadLetter letter = rejectOne(TestMessages.raw(41, TestMessages.json("{not json")));
        assertTrue(letter.reason().contains("not valid JSON"), letter.reason());
        assertNull(letter.id());
        assertEquals(TestMessages.TOPIC, letter.sourceTopic());
        assertEquals(41, letter.sourceOffset());
        assertArrayEquals(TestMessages.json("{not json"), letter.payload());
    }

    @Test
    void badBase64IsRejectedWithTheIdItRead() throws Exception {
        // the id was valid: the dead letter says which image the broken message was for
        DeadLetter letter = rejectOne(TestMessages.raw(0, TestMessages.json("{\"id\":11,\"bytes\":\"@@@\"}")));
        assertTrue(letter.reason().contains("not valid base64"), letter.reason());
        assertEquals(11L, letter.id());
    }

    private static KafkaMessage stamped(long timestamp, String json) {
        return new KafkaMessage(TestMessages.TOPIC, 1, 5, timestamp, null, TestMessages.json(json));
    }

    private static ParsedMessage parseOne(KafkaMessage raw) throws Exception {
        try (OneInputStreamOperatorTestHarness<KafkaMessage, ParsedMessage> harness = harness()) {
            harness.processElement(raw, 0);
            assertEquals(List.of(), SideOutputs.of(harness, DeadLetter.SIDE_OUTPUT));
            List<ParsedMessage> parsed = harness.extractOutputValues();
            assertEquals(1, parsed.size());
            return parsed.get(0);
        }
    }

    /** The single dead letter of {@code raw}, which must be a parse one. */
    private static DeadLetter rejectOne(KafkaMessage raw) throws Exception {
        try (OneInputStreamOperatorTestHarness<KafkaMessage, ParsedMessage> harness = harness()) {
            harness.processElement(raw, 0);
            assertEquals(List.of(), harness.extractOutputValues());
            List<DeadLetter> letters = SideOutputs.of(harness, DeadLetter.SIDE_OUTPUT);
            assertEquals(1, letters.size());
            assertEquals(Stage.PARSE.label(), letters.get(0).stage());
            return letters.get(0);
        }
    }

    private static OneInputStreamOperatorTestHarness<KafkaMessage, ParsedMessage> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(new ParseMessage());
    }
}
