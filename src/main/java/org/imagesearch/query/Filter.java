package org.imagesearch.query;

import org.imagesearch.json.Storable;

/**
 * Optional restrictions on the answers: the class must equal {@code label}, and the stored metadata
 * must contain {@code metadataJson} (a JSON object, matched with jsonb containment {@code @>}).
 * Text PostgreSQL would refuse is refused here, so callers hear about their input, not a database error.
 */
public record Filter(String label, String metadataJson) {
    public static final Filter NONE = new Filter(null, null);
    static final int MAX_LABEL_CHARS = 1_000;
    static final int MAX_METADATA_CHARS = 10_000;

    public Filter {
        if (label != null) {
            String problem = Storable.problemIn(label);
            if (problem != null) {
                throw new IllegalArgumentException("the class filter contains " + problem);
            }
            if (label.length() > MAX_LABEL_CHARS) {
                throw new IllegalArgumentException("the class filter is longer than " + MAX_LABEL_CHARS + " characters");
            }
        }
        if (metadataJson != null && metadataJson.length() > MAX_METADATA_CHARS) {
            throw new IllegalArgumentException("the metadata filter is longer than " + MAX_METADATA_CHARS + " characters");
        }
    }

    public boolean isEmpty() {
        return label == null && metadataJson == null;
    }
}
