package org.imagesearch.publish;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.imagesearch.kafka.MessageSizes;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A publisher reports every message Kafka did not take, instead of counting it as published. */
@ExtendWith(RealServices.class)
class ImagePublisherIT {
    private final TestServices services;

    ImagePublisherIT(TestServices services) {
        this.services = services;
    }

    @Test
    void aMessageOverKafkasDefaultOfOneMegabyteIsDeliveredToTheProjectsTopics() {
        String topic = TestServices.uniqueName("publish-large");
        services.kafka().createTopic(topic, 1);
        try (ImagePublisher publisher = new ImagePublisher(services.kafka().bootstrapServers(), topic)) {
            publisher.send(1, new byte[5 * 1024 * 1024]);
            publisher.flush();
        }
    }

    @Test
    void aMessageOverTheLimitFailsTheFlush() {
        String topic = TestServices.uniqueName("publish-too-large");
        services.kafka().createTopic(topic, 1);
        try (ImagePublisher publisher = new ImagePublisher(services.kafka().bootstrapServers(), topic)) {
            publisher.send(1, "{\"id\": 1, \"op\": \"delete\"}".getBytes(StandardCharsets.UTF_8));
            publisher.send(2, new byte[MessageSizes.MAX_INGEST_MESSAGE_BYTES + 1]);
            IllegalStateException e = assertThrows(IllegalStateException.class, publisher::flush);
            assertTrue(e.getMessage().contains("1 of 2 messages were not delivered"), e.getMessage());
            assertTrue(e.getMessage().contains(topic), e.getMessage());
        }
    }

    @Test
    void anUnreachableBrokerFailsInsteadOfCountingMessagesAsPublished() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ImagePublisher publisher = new ImagePublisher("127.0.0.1:" + closedPort, "nowhere")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
                for (long id = 0; id < 5; id++) {
                    publisher.send(id, "{}".getBytes(StandardCharsets.UTF_8));
                }
                publisher.flush();
            });
            assertTrue(e.getMessage().contains("not delivered"), e.getMessage());
        }
    }
}
