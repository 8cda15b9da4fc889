package org.imagesearch.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlertSerializerTest {
    @Test
    void writesTheAlertAsJsonKeyedByTheWatch() {
        var record = new AlertSerializer("image-alerts").serialize(new Alert(3, 4999, 0.125, 1_764_792_000_000L),
                null, null);
        assertEquals("image-alerts", record.topic());
        assertEquals("3", new String(record.key(), StandardCharsets.UTF_8));
        assertEquals("{\"watch_id\":3,\"image_id\":4999,\"distance\":0.125,\"at\":\"2025-12-03T20:00:00Z\"}",
                new String(record.value(), StandardCharsets.UTF_8));
    }
}
