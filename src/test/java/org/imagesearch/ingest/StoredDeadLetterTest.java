package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.imagesearch.kafka.KafkaMessage;
import org.junit.jupiter.api.Test;

/** Dead letters as the serializer writes them, read back: the original change, or why it is not there. */
class StoredDeadLetterTest {
    private static final long SENT_AT = Instant.parse("2025-01-02T03:04:05.678Z").toEpochMilli();

    private static StoredDeadLetter roundTrip(long timestamp, byte[] key, byte[] payload) {
        DeadLetter letter = DeadLetter.of(new KafkaMessage("in", 1, 17, timestamp, key, payload), Stage.LOAD,
                "file not found: /data/a.png", 42L);
        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("dlq").serialize(letter, null, null);
        return StoredDeadLetter.parse(record.key(), record.value());
    }

    private static StoredDeadLetter parse(String value) {
        return StoredDeadLetter.parse(null, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTextMessageComesBackAsTheSameBytesWithKeyAndTimestamp() {
        byte[] key = "42".getBytes(StandardCharsets.UTF_8);
        byte[] payload = "{\"id\":42,\"uri\":\"file:///data/a.png\",\"class\":\"caf\u00e9 \u732b\"}".getBytes(StandardCharsets.UTF_8);

        StoredDeadLetter letter = roundTrip(SENT_AT, key, payload);

        assertTrue(letter.isReplayable(), letter.unreplayable());
        assertEquals("load", letter.stage());
        assertEquals("file not found: /data/a.png", letter.reason());
        assertEquals(42L, letter.id());
        assertEquals(SENT_AT, letter.sourceTimestamp().toEpochMilli());
        assertArrayEquals(key, letter.key());
        assertArrayEquals(payload, letter.payload());
        assertTrue(letter.failedAt().isAfter(Instant.now().minusSeconds(60)));
    }

    @Test
    void aBinaryMessageComesBackByteForByte() {
        byte[] payload = {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '{', 0, (byte) 0xFF};

        StoredDeadLetter letter = roundTrip(SENT_AT, null, payload);

        assertArrayEquals(payload, letter.payload());
        assertNull(letter.key());
    }

    @Test
    void aTruncatedMessageIsReplayedFromTheSourceTopic() {
        StoredDeadLetter letter = roundTrip(SENT_AT, null, new byte[DeadLetterSerializer.MAX_EMBEDDED_PAYLOAD_BYTES + 1]);

        assertTrue(letter.needsSourceRecord());
        assertNull(letter.payload());
        assertEquals(new StoredDeadLetter.Source("in", 1, 17), letter.source());
        assertEquals(64, letter.payloadSha256().length());
    }

    @Test
    void aRedactedMessageOrAHashedKeyIsReplayedFromTheSourceTopic() {
        byte[] secret = "{\"id\":42,\"uri\":\"https://u:p@h/a.png\"}".getBytes(StandardCharsets.UTF_8);

        assertTrue(roundTrip(SENT_AT, null, secret).needsSourceRecord());
        assertTrue(roundTrip(SENT_AT, new byte[DeadLetterSerializer.MAX_KEY_BYTES + 1], "{}".getBytes(StandardCharsets.UTF_8))
                .needsSourceRecord());
        assertFalse(roundTrip(SENT_AT, null, "{}".getBytes(StandardCharsets.UTF_8)).needsSourceRecord());
    }

    @Test
    void aLetterWithoutTheOriginalsHashCannotBeReplayedFromTheSource() {
        StoredDeadLetter letter = parse("{\"stage\":\"load\",\"reason\":\"r\",\"source_topic\":\"in\",\"source_partition\":0,"
                + "\"source_offset\":3,\"source_timestamp\":\"2025-01-02T03:04:05Z\",\"key_hashed\":true,\"payload\":\"{}\"}");

        assertEquals("no payload_sha256 to check the original by", letter.unreplayable());
    }

    @Test
    void withoutTheSourceTimestampTheVersionIsUnknown() {
        StoredDeadLetter letter = roundTrip(-1, null, "{}".getBytes(StandardCharsets.UTF_8));

        assertTrue(letter.unreplayable().contains("version is unknown"), letter.unreplayable());
    }

    @Test
    void anEmptyOrNullMessageIsNotReplayed() {
        assertEquals("the original message was empty", roundTrip(SENT_AT, null, new byte[0]).unreplayable());
        assertEquals("the original message was empty", roundTrip(SENT_AT, null, null).unreplayable());
    }

    @Test
    void aRecordThatIsNoDeadLetterHasNoStage() {
        for (String value : new String[] {"", "not json", "[1]", "{\"reason\":\"x\"}"}) {
            StoredDeadLetter letter = parse(value);

            assertNull(letter.stage(), value);
            assertEquals("not a dead letter", letter.unreplayable(), value);
        }
        assertNull(StoredDeadLetter.parse(null, null).stage());
    }

    @Test
    void badBase64IsNotReplayed() {
        StoredDeadLetter letter = parse("{\"stage\":\"decode\",\"reason\":\"r\",\"source_timestamp\":\"2025-01-02T03:04:05Z\","
                + "\"payload_base64\":\"@@\"}");

        assertEquals("decode", letter.stage());
        assertNull(letter.failedAt());
        assertNull(letter.id());
        assertTrue(letter.unreplayable().contains("not base64"), letter.unreplayable());
    }
}
