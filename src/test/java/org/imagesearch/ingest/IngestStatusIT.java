package org.imagesearch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.imagesearch.config.Settings;
import org.imagesearch.publish.ImagePublisher;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.testing.Backlog;
import org.imagesearch.testing.IndexedImages;
import org.imagesearch.testing.IngestJobs;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ingest status read from a real broker and a real table. */
@ExtendWith(RealServices.class)
class IngestStatusIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void lagPerPartitionRateEtaDeadLettersByStageAndTheTable(TestServices services) throws Exception {
        Settings settings = IngestJobs.settings(services, "status", 2);
        Settings.Kafka kafka = settings.kafka();
        IndexedImages.write(settings, TestImages.cifar(3));
        Backlog.publish(kafka, 12, Stage.LOAD, Stage.PARSE, Stage.LOAD);
        try (ImagePublisher junk = new ImagePublisher(kafka.bootstrapServers(), kafka.deadLetterTopic())) {
            junk.send(null, "not a dead letter".getBytes(StandardCharsets.UTF_8), null);
            junk.flush();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(kafka.groupId(), Map.of(new TopicPartition(kafka.topic(), 0),
                    new OffsetAndMetadata(1))).all().get();
        }

        JsonNode status = read(settings, kafka);

        assertEquals(settings.database().table().name(), status.get("table").asText());
        assertEquals(3, status.get("rows").asLong());
        assertTrue(status.get("table_bytes").asLong() > 8192, status.toString());
        assertEquals(3, status.get("rows_last_minute").asLong(), "written just now");
        assertEquals(0.05, status.get("ingest_rate_per_s").asDouble());
        assertEquals(kafka.groupId(), status.get("consumer_group").asText());
        JsonNode p0 = status.get("lag").get("partitions").get(0);
        JsonNode p1 = status.get("lag").get("partitions").get(1);
        assertEquals(1, p0.get("committed").asLong());
        assertEquals(p0.get("end").asLong() - 1, p0.get("lag").asLong());
        assertTrue(p1.get("committed").isNull(), "nothing committed: all of it is behind");
        assertEquals(p1.get("end").asLong(), p1.get("lag").asLong());
        assertEquals(12, p0.get("end").asLong() + p1.get("end").asLong());
        assertEquals(11, status.get("lag").get("total").asLong());
        assertEquals(220.0, status.get("eta_s").asDouble(), "11 messages at 0.05 a second");
        JsonNode letters = status.get("dead_letters");
        assertEquals(4, letters.get("total").asLong());
        assertEquals(4, letters.get("counted").asLong());
        assertEquals("{\"load\":2,\"parse\":1,\"unreadable\":1}", letters.get("by_stage").toString());
        assertTrue(status.get("kafka_error").isNull());
    }

    @Test
    void withoutKafkaTheTableIsStillReported(TestServices services) throws Exception {
        Settings settings = IngestJobs.settings(services, "status_down", 1);

        JsonNode status = read(settings, settings.kafka().withBootstrapServers("127.0.0.1:1"));

        assertEquals(0, status.get("rows").asLong());
        assertEquals(0.0, status.get("ingest_rate_per_s").asDouble());
        assertTrue(status.get("lag").isNull() && status.get("eta_s").isNull() && status.get("dead_letters").isNull());
        assertEquals("Kafka at 127.0.0.1:1 did not answer within 5 s", status.get("kafka_error").asText());
    }

    @Test
    void deadLettersAreCountedOverTheNewestOfEachPartition(TestServices services) {
        Settings.Kafka kafka = services.topics(TestServices.uniqueName("counts"), 1);
        Backlog.publish(kafka, 0, Stage.DECODE, Stage.LOAD, Stage.EMBED);

        DeadLetterCounts counts = DeadLetterCounts.read(kafka.bootstrapServers(), kafka.deadLetterTopic(), 2, TIMEOUT);

        assertEquals(new DeadLetterCounts(3, 2, Map.of("load", 1L, "embed", 1L)), counts);
    }

    private static JsonNode read(Settings settings, Settings.Kafka kafka) throws Exception {
        try (Connection c = PostgresConnections.open(settings.database())) {
            return new IngestStatus(kafka, settings.database().table(), TIMEOUT).read(c);
        }
    }
}
