package org.imagesearch.ingest;

/**
 * A message that is not a valid ingest message, with a reason a person can act on and the message's id
 * when it was read before the problem was found (null otherwise), so its dead letter says which image it was.
 */
public final class MalformedMessageException extends Exception {
    private final Long id;

    public MalformedMessageException(String reason, Long id) {
        super(reason);
        this.id = id;
    }

    public Long id() {
        return id;
    }
}
