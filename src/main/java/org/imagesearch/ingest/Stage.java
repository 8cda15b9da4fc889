package org.imagesearch.ingest;

/** Where in the pipeline a message was rejected; recorded in every dead letter and metric. */
public enum Stage {
    PARSE, LOAD, DECODE, EMBED;

    public String label() {
        return name().toLowerCase();
    }
}
