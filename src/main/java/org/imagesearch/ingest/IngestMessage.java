package org.imagesearch.ingest;

/**
 * A validated ingest message. For {@link Operation#UPSERT} exactly one of {@code uri} and
 * {@code inlineBytes} is set; for {@link Operation#DELETE} only {@code id} and {@code version} matter.
 *
 * @param version      the message's own {@code version}, or null when it gives none (the Kafka record's
 *                     timestamp stands in then, see {@link ParseMessage})
 * @param metadataJson the {@code metadata} object re-serialised as JSON text, or null
 */
public record IngestMessage(long id, Operation op, Long version, String uri, byte[] inlineBytes, String label,
                            String metadataJson) {

    public enum Operation { UPSERT, DELETE }

    public static IngestMessage delete(long id, Long version) {
        return new IngestMessage(id, Operation.DELETE, version, null, null, null, null);
    }
}
