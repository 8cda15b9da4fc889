package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class IngestMessageParserTest {
    private final IngestMessageParser parser = new IngestMessageParser();

    private IngestMessage parse(String json) throws MalformedMessageException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts the message is rejected and the reason mentions {@code expectedInReason}. */
    private MalformedMessageException assertRejected(byte[] payload, String expectedInReason) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> parser.parse(payload));
        assertTrue(e.getMessage().contains(expectedInReason),
                () -> "reason '" + e.getMessage() + "' should mention " + expectedInReason);
        return e;
    }

    private MalformedMessageException assertRejected(String json, String expectedInReason) {
        return assertRejected(json.getBytes(StandardCharsets.UTF_8), expectedInReason);
    }

    @Test
    void upsertWithUriIsTheDefaultOperation() throws Exception {
        IngestMessage message = parse("{\"id\": 42, \"uri\": \"file:///data/cat.png\"}");

        assertEquals(42L, message.id());
        assertEquals(IngestMessage.Operation.UPSERT, message.op());
        assertEquals("file:///data/cat.png", message.uri());
        assertNull(message.inlineBytes());
        assertNull(message.label());
        assertNull(message.metadataJson());
    }

    @Test
    void explicitUpsertWithBase64BytesIsDecoded() throws Exception {
        byte[] image = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF};
        String b64 = Base64.getEncoder().encodeToString(image);

        IngestMessage message = parse("{\"id\": 7, \"op\": \"upsert\", \"bytes\": \"" + b64 + "\"}");

        assertEquals(IngestMessage.Operation.UPSERT, message.op());
        assertNull(message.uri());
        assertArrayEquals(image, message.inlineBytes());
    }

    @Test
    void aRejectionAfterTheIdWasReadCarriesTheId() {
        assertEquals(7L, assertRejected("{\"id\": 7, \"op\": \"bogus\"}", "\"op\"").id());
        assertEquals(8L, assertRejected("{\"id\": \"8\", \"bytes\": \"not base64!\"}", "base64").id());
        assertNull(assertRejected("{\"id\": \"x\"}", "\"id\"").id());
        assertNull(assertRejected("not json", "not valid JSON").id());
    }

    @Test
    void theClassFieldAndItsLabelAliasBothSetTheClass() throws Exception {
        assertEquals("cat", parse("{\"id\": 1, \"uri\": \"http://x/a.png\", \"class\": \"cat\"}").label());
        assertEquals("dog", parse("{\"id\": 1, \"uri\": \"http://x/a.png\", \"label\": \"dog\"}").label());
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"class\": \"cat\", \"label\": \"cat\"}", "not both");
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"class\": 3}", "\"class\" must be a string");
    }

    @Test
    void labelAndMetadataAreKeptWithMetadataReserialisedAsJson() throws Exception {
        IngestMessage message = parse("{\"id\": 1, \"uri\": \"http://x/a.png\", \"label\": \"cat\","
                + " \"metadata\": {\"source\": \"cifar\",  \"record\": 12, \"tags\": [\"a\", \"b\"]}}");

        assertEquals("cat", message.label());
        JsonNode metadata = new ObjectMapper().readTree(message.metadataJson());
        assertTrue(metadata.isObject());
        assertEquals("cifar", metadata.get("source").asText());
        assertEquals(12, metadata.get("record").asInt());
        assertEquals(2, metadata.get("tags").size());
    }

    @Test
    void nullLabelAndNullMetadataAreTreatedAsAbsent() throws Exception {
        IngestMessage message = parse("{\"id\": 1, \"uri\": \"http://x/a.png\", \"label\": null, \"metadata\": null}");

        assertNull(message.label());
        assertNull(message.metadataJson());
    }

    @Test
    void deleteNeedsOnlyAnId() throws Exception {
        IngestMessage message = parse("{\"id\": 99, \"op\": \"delete\"}");

        assertEquals(IngestMessage.Operation.DELETE, message.op());
        assertEquals(99L, message.id());
        assertNull(message.uri());
        assertNull(message.inlineBytes());
    }

    @Test
    void idGivenAsStringOfDigitsIsAccepted() throws Exception {
        assertEquals(9_007_199_254_740_993L, parse("{\"id\": \"9007199254740993\", \"op\": \"delete\"}").id());
        assertEquals(-5L, parse("{\"id\": \"-5\", \"op\": \"delete\"}").id());
    }

    @Test
    void extremeLongIdsAreAccepted() throws Exception {
        assertEquals(Long.MAX_VALUE, parse("{\"id\": 9223372036854775807, \"op\": \"delete\"}").id());
        assertEquals(Long.MIN_VALUE, parse("{\"id\": -9223372036854775808, \"op\": \"delete\"}").id());
    }

    @Test
    void theVersionIsOptionalAndReadAsANumberOrAStringOfDigits() throws Exception {
        assertNull(parse("{\"id\": 5, \"uri\": \"http://x/a.png\"}").version());
        assertNull(parse("{\"id\": 5, \"op\": \"delete\", \"version\": null}").version());
        assertEquals(0L, parse("{\"id\": 5, \"uri\": \"http://x/a.png\", \"version\": 0}").version());
        assertEquals(1_700_000_000_000L, parse("{\"id\": 5, \"op\": \"delete\", \"version\": 1700000000000}").version());
        assertEquals(Long.MAX_VALUE, parse("{\"id\": 5, \"op\": \"delete\", \"version\": \"9223372036854775807\"}").version());
    }

    @Test
    void aVersionThatIsNotANonNegative64BitIntegerIsRefusedNamingTheField() {
        for (String version : new String[] {"-1", "\"-1\"", "1.5", "1e3", "\"12a\"", "true", "{}",
                "9223372036854775808", "\"9223372036854775808\""}) {
            MalformedMessageException upsert = assertRejected(
                    "{\"id\": 5, \"uri\": \"http://x/a.png\", \"version\": " + version + "}", "\"version\"");
            assertEquals(5L, upsert.id(), version);
            assertRejected("{\"id\": 5, \"op\": \"delete\", \"version\": " + version + "}", "\"version\"");
        }
    }

    @Test
    void emptyPayloadIsRejected() {
        assertRejected(new byte[0], "empty");
        assertRejected((byte[]) null, "empty");
    }

    @Test
    void invalidJsonIsRejected() {
        assertRejected("{\"id\": 1, ", "not valid JSON");
    }

    @Test
    void jsonThatIsNotAnObjectIsRejected() {
        assertRejected("[1, 2, 3]", "JSON object");
        assertRejected("42", "JSON object");
        assertRejected("\"text\"", "JSON object");
    }

    @Test
    void missingIdIsRejected() {
        assertRejected("{\"uri\": \"http://x/a.png\"}", "\"id\"");
        assertRejected("{\"id\": null, \"uri\": \"http://x/a.png\"}", "\"id\"");
    }

    @Test
    void fractionalIdIsRejected() {
        assertRejected("{\"id\": 1.5, \"uri\": \"http://x/a.png\"}", "\"id\"");
        assertRejected("{\"id\": \"1.5\", \"uri\": \"http://x/a.png\"}", "\"id\"");
    }

    @Test
    void idOutOfLongRangeIsRejected() {
        assertRejected("{\"id\": 9223372036854775808, \"uri\": \"http://x/a.png\"}", "\"id\"");
        assertRejected("{\"id\": \"9223372036854775808\", \"uri\": \"http://x/a.png\"}", "\"id\"");
        assertRejected("{\"id\": \"99999999999999999999\", \"uri\": \"http://x/a.png\"}", "\"id\"");
    }

    @Test
    void nonNumericIdIsRejected() {
        assertRejected("{\"id\": \"abc\", \"uri\": \"http://x/a.png\"}", "\"id\"");
        assertRejected("{\"id\": true, \"uri\": \"http://x/a.png\"}", "\"id\"");
    }

    @Test
    void unknownOpIsRejected() {
        assertRejected("{\"id\": 1, \"op\": \"replace\", \"uri\": \"http://x/a.png\"}", "\"op\"");
        assertRejected("{\"id\": 1, \"op\": \"DELETE\"}", "\"op\"");
    }

    @Test
    void bothUriAndBytesAreRejected() {
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"bytes\": \"AAAA\"}", "\"uri\" and \"bytes\"");
    }

    @Test
    void neitherUriNorBytesIsRejected() {
        assertRejected("{\"id\": 1}", "\"uri\" and \"bytes\"");
        assertRejected("{\"id\": 1, \"op\": \"upsert\", \"label\": \"cat\"}", "\"uri\" and \"bytes\"");
    }

    @Test
    void nonStringUriIsRejected() {
        assertRejected("{\"id\": 1, \"uri\": 5}", "\"uri\"");
    }

    @Test
    void invalidBase64IsRejected() {
        assertRejected("{\"id\": 1, \"bytes\": \"@@@\"}", "\"bytes\"");
    }

    @Test
    void emptyBytesAreRejected() {
        assertRejected("{\"id\": 1, \"bytes\": \"\"}", "\"bytes\" is empty");
    }

    @Test
    void nonStringLabelIsRejected() {
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"label\": 3}", "\"label\"");
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"label\": {\"a\": 1}}", "\"label\"");
    }

    @Test
    void labelOfMaximumLengthIsAcceptedAndOneLongerIsRejected() throws Exception {
        String longest = "x".repeat(IngestMessageParser.MAX_LABEL_LENGTH);
        assertEquals(longest, parse("{\"id\": 1, \"uri\": \"http://x/a.png\", \"label\": \"" + longest + "\"}").label());

        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"label\": \"" + longest + "x\"}", "\"label\"");
    }

    @Test
    void labelWithNulCharacterIsRejected() {
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"label\": \"ca\\u0000t\"}", "\"label\"");
    }

    @Test
    void metadataWithNulCharacterAnywhereIsRejected() {
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"metadata\": {\"a\": [\"x\\u0000\"]}}", "\"metadata\"");
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"metadata\": {\"k\\u0000\": 1}}", "\"metadata\"");
    }

    @Test
    void classWithALoneSurrogateIsRejectedNamingTheField() {
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"class\": \"ca\\ud800t\"}", "\"class\" contains a lone");
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"label\": \"cat\\udc00\"}", "\"label\" contains a lone");
        // The two halves in the wrong order are two lone surrogates.
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"class\": \"\\ude00\\ud83d\"}", "surrogate");
        // Jackson also reads a surrogate encoded directly as UTF-8 bytes (ED A0 80), which is not valid UTF-8.
        byte[] json = "{\"id\": 1, \"uri\": \"http://x/a.png\", \"class\": \"a___\"}".getBytes(StandardCharsets.UTF_8);
        int at = new String(json, StandardCharsets.UTF_8).indexOf("___");
        json[at] = (byte) 0xED;
        json[at + 1] = (byte) 0xA0;
        json[at + 2] = (byte) 0x80;
        assertRejected(json, "\"class\" contains a lone");
    }

    @Test
    void metadataWithALoneSurrogateInAStringOrAKeyIsRejected() {
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"metadata\": {\"a\": [\"x\\ud800\"]}}",
                "\"metadata\" contains a lone");
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"metadata\": {\"k\\udfff\": 1}}",
                "\"metadata\" contains a lone");
    }

    @Test
    void surrogatePairsAreWholeCharactersAndKept() throws Exception {
        IngestMessage message = parse("{\"id\": 1, \"uri\": \"http://x/a.png\", \"class\": \"cat \\ud83d\\ude00\","
                + " \"metadata\": {\"\\ud83d\\ude00\": \"\uD83D\uDE00\"}}");

        assertEquals("cat \uD83D\uDE00", message.label());
        assertEquals("\uD83D\uDE00", new ObjectMapper().readTree(message.metadataJson()).get("\uD83D\uDE00").asText());
    }

    @Test
    void metadataNumberTooLargeForADoubleIsRejected() {
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"metadata\": {\"x\": 1e400}}", "\"metadata\" contains a number");
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"metadata\": {\"x\": [1, -1E+999]}}", "\"metadata\" contains a number");
    }

    @Test
    void largeButFiniteMetadataNumbersAreKept() throws Exception {
        IngestMessage message = parse("{\"id\": 1, \"uri\": \"http://x/a.png\","
                + " \"metadata\": {\"big\": 1e308, \"huge\": 123456789012345678901234567890}}");

        JsonNode metadata = new ObjectMapper().readTree(message.metadataJson());
        assertEquals(1e308, metadata.get("big").doubleValue());
        assertEquals("123456789012345678901234567890", metadata.get("huge").bigIntegerValue().toString());
    }

    @Test
    void nonObjectMetadataIsRejected() {
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"metadata\": [1, 2]}", "\"metadata\"");
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"metadata\": \"text\"}", "\"metadata\"");
    }

    @Test
    void metadataNestedDeeperThanTheLimitIsRejectedNamingTheLimit() throws Exception {
        String atLimit = nested(IngestMessageParser.MAX_METADATA_DEPTH);
        assertTrue(parse("{\"id\": 1, \"uri\": \"http://x/a.png\", \"metadata\": " + atLimit + "}").metadataJson()
                .startsWith("{\"a\":"));

        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"metadata\": " + nested(17) + "}",
                "\"metadata\" is nested 17 levels deep, more than the limit of 16");
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"metadata\": " + nested(999) + "}",
                "more than the limit of 16");
    }

    @Test
    void metadataLargerThanTheLimitIsRejectedNamingTheLimit() throws Exception {
        String padding = "x".repeat(IngestMessageParser.MAX_METADATA_BYTES - "{\"a\":\"\"}".length());
        assertEquals(IngestMessageParser.MAX_METADATA_BYTES,
                parse("{\"id\": 1, \"uri\": \"http://x/a.png\", \"metadata\": {\"a\": \"" + padding + "\"}}")
                        .metadataJson().length());

        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"metadata\": {\"a\": \"" + padding + "y\"}}",
                "\"metadata\" is 16385 bytes as JSON, more than the limit of 16384");
        assertRejected("{\"id\": 1, \"uri\": \"http://x/a.png\", \"metadata\": {\"a\": \"" + "x".repeat(900_000) + "\"}}",
                "more than the limit of 16384");
    }

    @Test
    void aDeleteCarryingImageFieldsIsAmbiguousAndRejected() {
        assertRejected("{\"id\": 1, \"op\": \"delete\", \"uri\": \"http://x/a.png\"}",
                "a delete carries only \"id\", \"op\" and \"version\", not \"uri\"");
        assertRejected("{\"id\": 1, \"op\": \"delete\", \"class\": \"cat\"}", "not \"class\"");
    }

    /** A JSON object {@code depth} levels deep: {"a":{"a":...{}}}. */
    private static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }
}
