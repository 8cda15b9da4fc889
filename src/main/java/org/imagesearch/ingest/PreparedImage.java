package org.imagesearch.ingest;

import org.imagesearch.image.RgbImage;
import org.imagesearch.kafka.KafkaMessage;

/**
 * A parsed message with its decoded image and thumbnail (both null for a delete), ready for the model.
 *
 * @param version what the change is ordered by against the other changes of its id (see {@link ParseMessage})
 */
public record PreparedImage(KafkaMessage source, IngestMessage.Operation op, long id, long version, String label,
                            String metadataJson, RgbImage image, byte[] thumbnail) {}
