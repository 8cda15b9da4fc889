package org.imagesearch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code eval --copies} end to end: 40 real CIFAR images through the real pipeline, every edit of 3 of them searched. */
@ExtendWith(RealServices.class)
class CopyDetectionIT {

    @Test
    void everyEditOfTheOriginalsIsSearchedAndTheDuplicateThresholdComesFromTheCurve(TestServices services)
            throws Exception {
        Settings settings = TestSettings.localPipeline(services, "copies");
        try (Dataset train = Dataset.open(Settings.defaultDataset(), Dataset.DEFAULT_SEED, true)) {
            CopyDetection.Outcome outcome = new CopyDetection(settings, train, 40, 3, 42, false)
                    .run(indexed -> { }, searched -> { });
            JsonNode json = outcome.json();
            System.out.println(json);
            assertEquals(40, json.get("database_images").asInt());
            assertEquals(3 * CopyEdits.all().size(), json.get("copies").asInt());
            assertEquals(CopyEdits.all().size(), json.get("rank_1_by_edit").size());
            // among 40 images nearly every copy finds its original; the hardest crops may not
            assertTrue(outcome.rankOne() >= 0.8, "rank-1 " + outcome.rankOne());
            assertEquals(1.0, json.get("rank_1_by_edit").get("jpeg-q50").asDouble(), "a light JPEG is always found");
            JsonNode duplicates = json.get("duplicate_of");
            assertTrue(duplicates.get("best_threshold").get("precision").asDouble() >= CopyDetection.TARGET_PRECISION);
            assertEquals(settings.database().duplicateDistance(),
                    duplicates.get("at_configured_distance").get("distance").asDouble(), 1e-9);
            assertEquals(1.0, duplicates.get("curve").get(duplicates.get("curve").size() - 1).get("recall").asDouble());
            assertTrue(outcome.markdown().contains("| **80% crops** |"));
        }
    }
}
