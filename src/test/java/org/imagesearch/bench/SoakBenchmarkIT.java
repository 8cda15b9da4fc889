package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A short {@code bench soak} on real CIFAR images through the real pipeline and search service: nothing lost. */
@ExtendWith(RealServices.class)
class SoakBenchmarkIT {
    @TempDir
    Path folder;

    @Test
    void ingestsSteadilyUnderSearchesAndEveryMessageSettles(TestServices services) throws Exception {
        List<DatasetImage> cifar = TestImages.cifar(10);
        for (int i = 0; i < cifar.size(); i++) {
            Files.write(folder.resolve(i + ".png"), cifar.get(i).bytes());
        }
        Settings settings = TestSettings.localPipeline(services, "soak");
        JsonNode json;
        try (BenchImages images = BenchImages.open(folder, 1, ImageDelivery.INLINE)) {
            json = new SoakBenchmark(settings, images, Duration.ofSeconds(8), 10, 2).run(rows -> { });
        }
        System.out.println(json);
        assertEquals("soak", json.get("benchmark").asText());
        assertTrue(json.get("published").asLong() >= 60, json.toString()); // 10/s for 8 s, images reused in turn
        assertTrue(json.get("rows_equal_expected").asBoolean(), json.toString());
        assertEquals(json.get("published").asLong(), json.get("rows").asLong(), json.toString());
        assertTrue(json.get("searches").asInt() > 0, json.toString());
        assertEquals(0, json.get("search_failures").asInt(), json.toString());
    }
}
