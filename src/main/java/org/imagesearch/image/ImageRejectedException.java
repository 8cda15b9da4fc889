package org.imagesearch.image;

/** An image that cannot be used, with the step that refused it and a reason a person can act on. */
public final class ImageRejectedException extends Exception {
    /** Reading the bytes (file, URL, inline size) or decoding them into pixels. */
    public enum Step { LOAD, DECODE }

    private final Step step;
    private final boolean transientFailure;

    public ImageRejectedException(Step step, String reason) {
        this(step, reason, false);
    }

    /** {@code transientFailure}: the same load may succeed later (see {@link #transientFailure()}). */
    public ImageRejectedException(Step step, String reason, boolean transientFailure) {
        super(reason);
        this.step = step;
        this.transientFailure = transientFailure;
    }

    public Step step() {
        return step;
    }

    /** The server answered 5xx, could not be reached, or did not answer in time: worth another try. */
    public boolean transientFailure() {
        return transientFailure;
    }
}
