package org.imagesearch.watch;

/** An image that came within a watch's distance: {@code atMillis} is when the ingest job matched it. */
public record Alert(long watchId, long imageId, double distance, long atMillis) {
    /** The pair an alert is sent once for. */
    public String pair() {
        return watchId + ":" + imageId;
    }
}
