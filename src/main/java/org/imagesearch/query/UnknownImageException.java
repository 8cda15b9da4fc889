package org.imagesearch.query;

/** A query by id for an id the table does not hold. */
public final class UnknownImageException extends Exception {
    public UnknownImageException(long id) {
        super("no image with id " + id);
    }
}
