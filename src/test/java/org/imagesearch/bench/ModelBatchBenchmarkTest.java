package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.Test;

/** The model benchmark on a few real CIFAR images with the real model: its line names every size it measured. */
class ModelBatchBenchmarkTest {
    @Test
    void everyBatchSizeGetsARateAndACpuCost() throws Exception {
        Settings settings = TestSettings.parse();
        try (BenchImages images = BenchImages.open(Settings.defaultDataset(), Dataset.DEFAULT_SEED, ImageDelivery.INLINE)) {
            JsonNode line = new ModelBatchBenchmark(settings, images, 12, 2).run(List.of(1, 4), 1);

            assertEquals("model", line.get("benchmark").asText());
            JsonNode sizes = line.get("batch_sizes");
            assertEquals(2, sizes.size());
            for (int i = 0; i < 2; i++) {
                assertEquals(List.of(1, 4).get(i), sizes.get(i).get("batch_size").asInt());
                assertTrue(sizes.get(i).get("images_per_s").asDouble() > 0, sizes.toString());
                assertTrue(sizes.get(i).get("cpu_ms_per_image").asDouble() > 0, sizes.toString());
            }
            assertTrue(line.get("machine").get("cores").asInt() > 0, "the machine it ran on");
        }
    }
}
