package org.imagesearch.query;

/** What a query searches for: an image (bytes or a reference), a stored id, or a raw vector. */
public sealed interface QueryTarget {

    /** An image, as encoded bytes or as a file/http(s) URI read with the ingest limits. */
    record ByImage(byte[] bytes, String uri) implements QueryTarget {
        public ByImage {
            if ((bytes == null) == (uri == null)) {
                throw new IllegalArgumentException("an image query needs exactly one of bytes and uri");
            }
        }
    }

    /** A stored image; it is left out of its own answer. */
    record ById(long id) implements QueryTarget {}

    record ByVector(float[] vector) implements QueryTarget {}
}
