package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.imagesearch.kafka.KafkaMessage;
import org.junit.jupiter.api.Test;

class DeadLetterSerializerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FAILED_AT = Instant.parse("2024-05-06T07:08:09.123Z").toEpochMilli();
    private static final long SOURCE_TIMESTAMP = Instant.parse("2024-05-06T07:08:01.007Z").toEpochMilli();

    private static DeadLetter letter(Long id, byte[] key, byte[] payload) {
        return new DeadLetter("load", "file not found: /data/x.png", id, "image-ingest", 3, 12345L, SOURCE_TIMESTAMP,
                key, payload, FAILED_AT);
    }

    private static JsonNode json(DeadLetter letter) throws Exception {
        return JSON.readTree(DeadLetterSerializer.toJson(letter));
    }

    @Test
    void jsonCarriesStageReasonIdSourceAndTime() throws Exception {
        JsonNode node = json(letter(77L, null, "{\"id\": 77}".getBytes(StandardCharsets.UTF_8)));

        assertEquals("load", node.get("stage").asText());
        assertEquals("file not found: /data/x.png", node.get("reason").asText());
        assertEquals(77L, node.get("id").asLong());
        assertTrue(node.get("id").isIntegralNumber());
        assertEquals("image-ingest", node.get("source_topic").asText());
        assertEquals(3, node.get("source_partition").asInt());
        assertEquals(12345L, node.get("source_offset").asLong());
        assertEquals("2024-05-06T07:08:09.123Z", node.get("failed_at").asText());
        assertEquals(FAILED_AT, Instant.parse(node.get("failed_at").asText()).toEpochMilli());
        assertEquals("2024-05-06T07:08:01.007Z", node.get("source_timestamp").asText());
        assertFalse(node.has("key_hashed"));
    }

    @Test
    void aRecordWithoutTimestampHasNoSourceTimestamp() throws Exception {
        DeadLetter letter = new DeadLetter("parse", "bad", null, "in", 0, 1L, -1L, null, new byte[0], FAILED_AT);

        assertFalse(json(letter).has("source_timestamp"));
    }

    @Test
    void idIsAbsentWhenItIsNotKnown() throws Exception {
        JsonNode node = json(letter(null, null, "not json".getBytes(StandardCharsets.UTF_8)));

        assertFalse(node.has("id"));
    }

    @Test
    void utf8PayloadIsKeptAsText() throws Exception {
        String payload = "{\"id\": 5, \"label\": \"chat noir \u00e9\u00e8 \u732b\"}";

        JsonNode node = json(letter(5L, null, payload.getBytes(StandardCharsets.UTF_8)));

        assertEquals(payload, node.get("payload").asText());
        assertFalse(node.has("payload_base64"));
    }

    @Test
    void binaryPayloadIsKeptAsBase64() throws Exception {
        byte[] payload = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, (byte) 0xFF, (byte) 0xFE, 0};

        JsonNode node = json(letter(null, null, payload));

        assertFalse(node.has("payload"));
        assertArrayEquals(payload, Base64.getDecoder().decode(node.get("payload_base64").asText()));
    }

    @Test
    void truncatedMultiByteCharacterMakesThePayloadBinary() throws Exception {
        byte[] utf8 = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = java.util.Arrays.copyOf(utf8, utf8.length - 1); // half of the 'é'

        JsonNode node = json(letter(null, null, truncated));

        assertArrayEquals(truncated, Base64.getDecoder().decode(node.get("payload_base64").asText()));
    }

    @Test
    void aLargeBinaryPayloadIsCutToFitAKafkaRecordAndStillIdentified() throws Exception {
        byte[] payload = new byte[830 * 1024];
        new java.util.Random(1).nextBytes(payload);

        byte[] json = DeadLetterSerializer.toJson(letter(null, null, payload));
        JsonNode node = JSON.readTree(json);

        assertTrue(json.length < DeadLetterSerializer.MAX_RECORD_BYTES, "dead letter of " + json.length + " bytes");
        assertArrayEquals(java.util.Arrays.copyOf(payload, DeadLetterSerializer.MAX_EMBEDDED_PAYLOAD_BYTES),
                Base64.getDecoder().decode(node.get("payload_base64").asText()));
        assertTrue(node.get("payload_truncated").asBoolean());
        assertEquals(payload.length, node.get("payload_bytes").asInt());
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(payload)),
                node.get("payload_sha256").asText());
        assertEquals(12345L, node.get("source_offset").asLong());
    }

    @Test
    void textThatJsonEscapesSixFoldStillFits() throws Exception {
        byte[] payload = new byte[200 * 1024];
        java.util.Arrays.fill(payload, (byte) 1);

        byte[] json = DeadLetterSerializer.toJson(letter(null, null, payload));
        JsonNode node = JSON.readTree(json);

        assertTrue(json.length < DeadLetterSerializer.MAX_RECORD_BYTES, "dead letter of " + json.length + " bytes");
        assertEquals(DeadLetterSerializer.MAX_EMBEDDED_PAYLOAD_BYTES, node.get("payload").asText().length());
        assertEquals(payload.length, node.get("payload_bytes").asInt());
    }

    @Test
    void aSmallPayloadIsNotMarkedTruncated() throws Exception {
        assertFalse(json(letter(null, null, "{}".getBytes(StandardCharsets.UTF_8))).has("payload_truncated"));
    }

    @Test
    void credentialsInTheMessageAreRemovedAndTheOriginalIsIdentified() throws Exception {
        byte[] payload = "{\"id\":5,\"uri\":\"https://bob:hunter2@cdn.example.org/a.png?sig=XYZ\"}".getBytes(StandardCharsets.UTF_8);

        byte[] json = DeadLetterSerializer.toJson(letter(5L, null, payload));
        JsonNode node = JSON.readTree(json);

        String text = new String(json, StandardCharsets.UTF_8);
        assertFalse(text.contains("hunter2") || text.contains("XYZ"), text);
        assertEquals("{\"id\":5,\"uri\":\"https://***@cdn.example.org/a.png\"}", node.get("payload").asText());
        assertTrue(node.get("payload_redacted").asBoolean());
        assertFalse(node.has("payload_truncated"));
        assertEquals(payload.length, node.get("payload_bytes").asInt());
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(payload)),
                node.get("payload_sha256").asText());
    }

    @Test
    void aHugeKeyIsReplacedByItsHashAndTheLetterSaysSo() throws Exception {
        byte[] key = new byte[100_000];
        DeadLetter letter = letter(1L, key, new byte[0]);
        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("dlq").serialize(letter, null, 0L);

        assertEquals(64, record.key().length);
        JsonNode node = JSON.readTree(record.value());
        assertTrue(node.get("key_hashed").asBoolean());
        assertTrue(node.has("payload_sha256"), "what a replay checks the original in the source topic by");
    }

    @Test
    void nullPayloadBecomesEmptyText() throws Exception {
        JsonNode node = json(letter(null, null, null));

        assertEquals("", node.get("payload").asText());
    }

    @Test
    void recordGoesToTheConfiguredTopicWithTheOriginalKey() throws Exception {
        byte[] key = {1, 2, 3, (byte) 0xFF};
        DeadLetter letter = letter(9L, key, "{}".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("image-ingest-dlq").serialize(letter, null, 0L);

        assertEquals("image-ingest-dlq", record.topic());
        assertArrayEquals(key, record.key());
        assertArrayEquals(DeadLetterSerializer.toJson(letter), record.value());
        assertNull(record.partition());
    }

    @Test
    void recordWithoutKeyHasNullKey() {
        DeadLetter letter = letter(9L, null, "{}".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("dlq").serialize(letter, null, null);

        assertNull(record.key());
        assertEquals("dlq", record.topic());
    }

    @Test
    void deadLetterOfCopiesTheSourceMessage() {
        byte[] key = {42};
        byte[] value = {1, 2};
        KafkaMessage message = new KafkaMessage("in", 2, 99L, 1_700_000_000_000L, key, value);
        long before = System.currentTimeMillis();

        DeadLetter letter = DeadLetter.of(message, Stage.DECODE, "bad", 7L);

        assertEquals("decode", letter.stage());
        assertEquals("bad", letter.reason());
        assertEquals(7L, letter.id());
        assertEquals("in", letter.sourceTopic());
        assertEquals(2, letter.sourcePartition());
        assertEquals(99L, letter.sourceOffset());
        assertArrayEquals(key, letter.key());
        assertArrayEquals(value, letter.payload());
        assertEquals(1_700_000_000_000L, letter.sourceTimestamp());
        assertTrue(letter.failedAtMillis() >= before && letter.failedAtMillis() <= System.currentTimeMillis());
    }
}
