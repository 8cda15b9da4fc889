package org.imagesearch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TableRows;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A small evaluation end to end: real images through the real pipeline, then real queries. */
@ExtendWith(RealServices.class)
class EvaluationIT {

    @Test
    void cifarTestImagesQueryTheIndexedTrainingImages(TestServices services) throws Exception {
        Settings settings = TestSettings.localPipeline(services, "eval");
        try (Dataset train = Dataset.open(Settings.defaultDataset(), Dataset.DEFAULT_SEED, true);
             Dataset test = Dataset.open(Settings.defaultDataset().resolveSibling("test.bin"), Dataset.DEFAULT_SEED, true)) {
            Evaluation.Outcome outcome = new Evaluation(settings, train, 60, test, 12, Evaluation.Plan.PLAIN).run(settled -> { });
            JsonNode json = outcome.json();
            assertEquals(60, json.get("database_images").asInt());
            assertEquals(12, json.get("queries").asInt());
            for (String metric : new String[] {"precision_at_1", "precision_at_10", "precision_at_20", "map_at_20"}) {
                double value = json.get(metric).asDouble();
                assertTrue(value >= 0 && value <= 1, metric + " = " + value);
            }
            assertEquals(1.0, json.get("ann_recall_at_20").asDouble(), 1e-9, "60 rows: the index walk is exact");
            assertEquals(3, outcome.examples().size());
            assertEquals(20, outcome.examples().get(0).hits().size());
            assertTrue(json.get("queries_from").asText().contains("test.bin"));
        }
    }

    @Test
    void withoutAQuerySplitEachQueryLeavesItselfOut(TestServices services) throws Exception {
        Settings settings = TestSettings.localPipeline(services, "loo");
        try (Dataset coil = Dataset.open(Settings.sharedDir().resolve("datasets/coil-100/coil100_images.zip"),
                Dataset.DEFAULT_SEED, true)) {
            Evaluation.Outcome outcome = new Evaluation(settings, coil, 50, null, 10, Evaluation.Plan.PLAIN).run(settled -> { });
            assertEquals(10, outcome.json().get("queries").asInt());
            assertTrue(outcome.json().get("queries_from").asText().contains("leave-one-out"));
            outcome.examples().forEach(e -> assertEquals(20, e.hits().size()));
        }
    }

    @Test
    void whiteningIsLearnedFromTheIndexThenAppliedInsideTheJobAndQueriesAreAlsoScoredExpanded(TestServices services)
            throws Exception {
        Settings settings = TestSettings.localPipeline(services, "white");
        try (Dataset train = Dataset.open(Settings.defaultDataset(), Dataset.DEFAULT_SEED, true);
             Dataset test = Dataset.open(Settings.defaultDataset().resolveSibling("test.bin"), Dataset.DEFAULT_SEED, true)) {
            Evaluation.Outcome outcome = new Evaluation(settings, train, 60, test, 8,
                    new Evaluation.Plan(new Evaluation.Whitening(16, 0.1, 1000), 3, false)).run(settled -> { });
            JsonNode json = outcome.json();
            int version = json.get("projection").get("version").asInt();
            assertTrue(version >= 1);
            assertEquals(16, json.get("dimension").asInt());
            assertEquals(60, json.get("projection").get("sample").asInt());
            assertEquals(3, json.get("query_expansion").get("top_n").asInt());
            assertEquals(8, json.get("query_expansion").get("queries").asInt());
            // every row of the evaluated table was made by the job with that projection version
            Map<Long, TableRows.Row> rows = TableRows.read(outcome.settings().database());
            assertEquals(60, rows.size());
            DescriptorTag expected = new DescriptorTag("squeezenet1_0-features", "gem-p3", 112, version);
            rows.values().forEach(row -> {
                assertEquals(expected, row.tag());
                assertEquals(16, row.vector().length);
            });
        }
    }
}
