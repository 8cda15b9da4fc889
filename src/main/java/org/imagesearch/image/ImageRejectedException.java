package org.imagesearch.image;

/** An image that cannot be used, with the step that refused it and a reason a person can act on. */
public final class ImageRejectedException extends Exception {
    /** Reading the bytes (file, URL, inline size) or decoding them into pixels. */
    public enum Step { LOAD, DECODE }

    private final Step step;

    public ImageRejectedException(Step step, String reason) {
        super(reason);
        this.step = step;
    }

    public Step step() {
        return step;
    }
}
