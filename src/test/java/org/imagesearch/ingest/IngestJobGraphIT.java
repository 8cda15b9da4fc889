package org.imagesearch.ingest;

import static java.util.stream.Collectors.toMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.publish.IngestMessageWriter;
import org.imagesearch.store.VectorRecord;
import org.imagesearch.testing.CollectingSink;
import org.imagesearch.testing.MiniClusters;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestMessages;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest job as {@link IngestJob} wires it, checkpointing included, on a Flink MiniCluster with a
 * bounded test source and collecting sinks in place of Kafka and PostgreSQL; only the real model is needed.
 */
class IngestJobGraphIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @Test
    void everyMessageEndsAsARowChangeOrAsADeadLetterOfItsStage(@TempDir Path root, @TempDir Path outside)
            throws Exception {
        List<DatasetImage> images = TestImages.cifar(3);
        Path inside = Files.write(root.resolve("good.png"), images.get(2).bytes());
        Path secret = Files.write(outside.resolve("secret.png"), images.get(2).bytes());
        // the source gives message i the offset i
        List<byte[]> messages = List.of(
                IngestMessageWriter.upsert(1, images.get(0)),
                IngestMessageWriter.upsert(2, images.get(1)),
                TestMessages.uri(3, inside.toUri().toString()),
                IngestMessageWriter.delete(4),
                TestMessages.json("{not json"),
                TestMessages.inline(6, "this is not an image".getBytes(StandardCharsets.UTF_8)),
                TestMessages.uri(7, secret.toUri().toString()));
        Map<Long, String> deadLetterStageByOffset = Map.of(4L, "parse", 5L, "decode", 6L, "load");
        Settings settings = TestSettings.parse(
                "--file-roots", root.toString(), "--parallelism", "2", "--checkpoint-interval-ms", "500");
        CollectingSink<VectorRecord> rows = CollectingSink.create();
        CollectingSink<DeadLetter> deadLetters = CollectingSink.create();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new IngestJob(settings, TestMessages.source(messages), rows, deadLetters).addTo(env);
        env.execute("ingest graph");

        // toMap fails on a duplicate key: every message comes out once
        Map<Long, VectorRecord> rowById = rows.received().stream().collect(toMap(VectorRecord::id, r -> r));
        assertEquals(Set.of(1L, 2L, 3L, 4L), rowById.keySet());
        for (long id = 1; id <= 3; id++) {
            VectorRecord row = rowById.get(id);
            assertFalse(row.delete(), "row " + id);
            assertEquals(settings.database().table().dimension(), row.vector().length, "row " + id);
            assertNotNull(row.thumbnail(), "row " + id);
        }
        assertTrue(rowById.get(4L).delete());
        assertNull(rowById.get(4L).vector());

        Map<Long, String> stageByOffset = deadLetters.received().stream()
                .collect(toMap(DeadLetter::sourceOffset, DeadLetter::stage));
        assertEquals(deadLetterStageByOffset, stageByOffset);
        assertEquals(messages.size(), rowById.size() + stageByOffset.size(), "no message lost");
    }
}
