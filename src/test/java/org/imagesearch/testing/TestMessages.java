package org.imagesearch.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.image.RgbImage;
import org.imagesearch.ingest.IngestMessage;
import org.imagesearch.ingest.PreparedImage;
import org.imagesearch.kafka.KafkaMessage;
import org.imagesearch.publish.IngestMessageWriter;

/** Ingest-topic records, message payloads and prepared images for the operator and job tests, without Kafka. */
public final class TestMessages {
    public static final String TOPIC = "image-ingest";
    /** Operators downstream of the loader only pass the thumbnail on; its content does not matter to them. */
    private static final byte[] THUMBNAIL = "thumbnail".getBytes(StandardCharsets.UTF_8);

    private TestMessages() {}

    /** A record as the Kafka source would give it, at {@code offset} of partition 0, stamped with its offset. */
    public static KafkaMessage raw(long offset, byte[] payload) {
        return new KafkaMessage(TOPIC, 0, offset, offset, null, payload);
    }

    public static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An upsert carrying {@code image} (any bytes) inline. */
    public static byte[] inline(long id, byte[] image) {
        return IngestMessageWriter.upsert(id, new DatasetImage("inline", image, null, Map.of()));
    }

    /** An upsert of the image at {@code uri}. */
    public static byte[] uri(long id, String uri) {
        return IngestMessageWriter.upsert(id, new DatasetImage("uri", null, uri, Map.of()));
    }

    /** An upsert of {@code image} as the loader hands it to the model. */
    public static PreparedImage upsert(long id, RgbImage image) {
        return new PreparedImage(raw(id, json("{\"id\":" + id + "}")), IngestMessage.Operation.UPSERT, id, id,
                "label-" + id, "{\"record\": " + id + "}", image, THUMBNAIL);
    }

    /** A delete of {@code id} as the loader hands it to the model: no image, no thumbnail. */
    public static PreparedImage delete(long id) {
        return new PreparedImage(raw(id, IngestMessageWriter.delete(id)), IngestMessage.Operation.DELETE, id, id,
                null, null, null, null);
    }

    /** A bounded source emitting {@code raw(i, payloads.get(i))} for every i, then finishing. */
    public static Source<KafkaMessage, ?, ?> source(List<byte[]> payloads) {
        ArrayList<byte[]> copy = new ArrayList<>(payloads);
        GeneratorFunction<Long, KafkaMessage> generator = index -> raw(index, copy.get(index.intValue()));
        return new DataGeneratorSource<>(generator, copy.size(), TypeInformation.of(KafkaMessage.class));
    }
}
