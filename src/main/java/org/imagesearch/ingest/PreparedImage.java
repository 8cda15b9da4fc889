package org.imagesearch.ingest;

import org.imagesearch.embed.RgbImage;

/** A parsed message with its decoded image (null for a delete), ready for the model. */
public record PreparedImage(KafkaMessage source, IngestMessage.Operation op, long id, String label,
                            String metadataJson, RgbImage image) {}
