package org.imagesearch.ingest;

import org.imagesearch.embed.RgbImage;

/** A parsed message with its decoded image and thumbnail (both null for a delete), ready for the model. */
public record PreparedImage(KafkaMessage source, IngestMessage.Operation op, long id, String label,
                            String metadataJson, RgbImage image, byte[] thumbnail) {}
