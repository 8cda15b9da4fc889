package org.imagesearch.ingest;

import org.imagesearch.image.RgbImage;
import org.imagesearch.kafka.KafkaMessage;

/** A parsed message with its decoded image and thumbnail (both null for a delete), ready for the model. */
public record PreparedImage(KafkaMessage source, IngestMessage.Operation op, long id, String label,
                            String metadataJson, RgbImage image, byte[] thumbnail) {}
