package org.imagesearch.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.imagesearch.config.Settings;
import org.imagesearch.ingest.StoredDeadLetter;
import org.imagesearch.json.Json;
import org.imagesearch.kafka.RecordLookup;
import org.imagesearch.kafka.TopicScan;

/**
 * Sends the original messages of selected dead letters to the ingest topic again, for when their cause is fixed
 * (a missing file created, a server back). Each goes out with its original key and record timestamp, so it is the
 * same change at the same version: the table's last-writer-wins upsert makes a replay idempotent by id (replayed
 * twice it leaves one row as it was) and harmless after a newer change of the id (a later update or delete wins).
 * A letter that holds a redacted or truncated copy is replayed with the original record read from the source
 * topic by its offset, if the topic still has it and its SHA-256 is the letter's.
 * The dead-letter topic is read to where it ended when the run started, so the letters a replay causes itself wait
 * for the next run; an original dead-lettered more than once (a letter of an earlier replay, or one the
 * at-least-once sink wrote twice) goes out once per run.
 */
public final class DeadLetterReplay {
    /** What a run does with a selected dead letter: send it (or, in a dry run, would), or skip it and why. */
    public enum Outcome { REPLAY, UNREPLAYABLE, DUPLICATE }

    /**
     * A selected dead letter, where it stands in the dead-letter topic, and its outcome.
     *
     * @param unreplayable why it cannot be sent again, when the outcome is {@code UNREPLAYABLE}
     */
    public record Selected(int partition, long offset, StoredDeadLetter letter, Outcome outcome, String unreplayable) {}

    /** The change a letter stands for: the original record's key and value. */
    private record Original(byte[] key, byte[] payload) {}

    /** A letter's original, or why there is none to send. */
    private record Resolved(Original original, String refusal) {
        static Resolved refused(String why) {
            return new Resolved(null, why);
        }
    }

    /** What one run read and did; a dry run sends nothing, and {@code replayable} says what it would have sent. */
    public record Counts(long scanned, long matched, long replayable, long skippedUnreplayable, long skippedDuplicates,
                         boolean dryRun) {
        public long replayed() {
            return dryRun ? 0 : replayable;
        }

        public ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.put("scanned", scanned);
            node.put("matched", matched);
            node.put("replayed", replayed());
            node.put("skipped_unreplayable", skippedUnreplayable);
            node.put("skipped_duplicates", skippedDuplicates);
            node.put("replayable", replayable);
            node.put("dry_run", dryRun);
            return node;
        }
    }

    private final DeadLetterSelection selection;
    private final ImagePublisher publisher;
    private final RecordLookup sourceRecords;
    private final Consumer<Selected> report;
    private final Set<String> originals = new HashSet<>();
    private long scanned;
    private long matched;
    private long replayable;
    private long unreplayable;
    private long duplicates;

    private DeadLetterReplay(DeadLetterSelection selection, ImagePublisher publisher, RecordLookup sourceRecords,
                             Consumer<Selected> report) {
        this.selection = selection;
        this.publisher = publisher;
        this.sourceRecords = sourceRecords;
        this.report = report;
    }

    /**
     * Replays the selected letters of {@code kafka}'s dead-letter topic to its ingest topic (sends nothing if
     * {@code dryRun}), telling {@code report} about each; gives up when Kafka gives nothing for {@code timeout}.
     */
    public static Counts run(Settings.Kafka kafka, DeadLetterSelection selection, boolean dryRun, Duration timeout,
                             Consumer<Selected> report) {
        try (ImagePublisher publisher = dryRun ? null : new ImagePublisher(kafka.bootstrapServers(), kafka.topic());
             RecordLookup sourceRecords = new RecordLookup(kafka.bootstrapServers(), timeout)) {
            DeadLetterReplay replay = new DeadLetterReplay(selection, publisher, sourceRecords, report);
            TopicScan.all(kafka.bootstrapServers(), kafka.deadLetterTopic(), timeout, replay::consider);
            if (publisher != null) {
                publisher.flush();
            }
            return new Counts(replay.scanned, replay.matched, replay.replayable, replay.unreplayable, replay.duplicates,
                    dryRun);
        }
    }

    private void consider(ConsumerRecord<byte[], byte[]> record) {
        scanned++;
        StoredDeadLetter letter = StoredDeadLetter.parse(record.key(), record.value());
        if (!selection.matches(letter)) {
            return;
        }
        matched++;
        Resolved resolved = resolve(letter);
        Original original = resolved.original();
        Outcome outcome;
        if (original == null) {
            unreplayable++;
            outcome = Outcome.UNREPLAYABLE;
        } else if (!originals.add(fingerprint(letter.sourceTimestamp().toEpochMilli(), original))) {
            duplicates++;
            outcome = Outcome.DUPLICATE;
        } else {
            replayable++;
            outcome = Outcome.REPLAY;
            if (publisher != null) {
                publisher.send(original.key(), original.payload(), letter.sourceTimestamp().toEpochMilli());
            }
        }
        report.accept(new Selected(record.partition(), record.offset(), letter, outcome, resolved.refusal()));
    }

    /**
     * The original change of a letter: the one it holds, or for a letter that holds a redacted or truncated copy
     * (or a hashed key) the untouched record read from the source topic, checked against the letter's SHA-256.
     */
    private Resolved resolve(StoredDeadLetter letter) {
        if (!letter.isReplayable()) {
            return Resolved.refused(letter.unreplayable());
        }
        if (!letter.needsSourceRecord()) {
            return new Resolved(new Original(letter.key(), letter.payload()), null);
        }
        StoredDeadLetter.Source source = letter.source();
        Optional<ConsumerRecord<byte[], byte[]>> record = sourceRecords.at(source.topic(), source.partition(), source.offset());
        if (record.isEmpty()) {
            return Resolved.refused("the original at " + source + " is no longer in the topic");
        }
        byte[] payload = record.get().value() == null ? new byte[0] : record.get().value();
        if (!sha256(payload).equals(letter.payloadSha256())) {
            return Resolved.refused("the record at " + source + " is not the original: its SHA-256 differs");
        }
        return new Resolved(new Original(record.get().key(), payload), null);
    }

    /** The original change: its record timestamp, key and payload. */
    private static String fingerprint(long timestamp, Original original) {
        MessageDigest digest = sha256Digest();
        byte[] key = original.key();
        digest.update(ByteBuffer.allocate(12).putLong(timestamp).putInt(key == null ? -1 : key.length).array());
        if (key != null) {
            digest.update(key);
        }
        return HexFormat.of().formatHex(digest.digest(original.payload()));
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
