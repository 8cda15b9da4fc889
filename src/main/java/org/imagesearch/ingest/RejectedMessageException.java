package org.imagesearch.ingest;

/** A message that cannot be parsed into an ingest message, with the stage and a reason a person can act on. */
public final class RejectedMessageException extends Exception {
    private final Stage stage;

    public RejectedMessageException(Stage stage, String reason) {
        super(reason);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
