package org.imagesearch.query;

/**
 * Optional restrictions on the answers: the class must equal {@code label}, and the stored metadata
 * must contain {@code metadataJson} (a JSON object, matched with jsonb containment {@code @>}).
 */
public record Filter(String label, String metadataJson) {
    public static final Filter NONE = new Filter(null, null);

    public boolean isEmpty() {
        return label == null && metadataJson == null;
    }
}
