package org.imagesearch.query;

/** A query that cannot be answered as asked, with a reason meant for the person or program who sent it. */
public final class InvalidQueryException extends Exception {
    public InvalidQueryException(String reason) {
        super(reason);
    }
}
