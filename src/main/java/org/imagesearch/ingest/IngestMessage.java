package org.imagesearch.ingest;

/**
 * A validated ingest message. For {@link Operation#UPSERT} exactly one of {@code uri} and
 * {@code inlineBytes} is set; for {@link Operation#DELETE} only {@code id} matters.
 *
 * @param metadataJson the {@code metadata} object re-serialised as JSON text, or null
 */
public record IngestMessage(long id, Operation op, String uri, byte[] inlineBytes, String label, String metadataJson) {

    public enum Operation { UPSERT, DELETE }

    public static IngestMessage delete(long id) {
        return new IngestMessage(id, Operation.DELETE, null, null, null, null);
    }
}
