package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench ingest} on a folder of real images through the real pipeline, once in each way of sending them,
 * the Python reference loop beside one of them; and a run that gives up at its deadline. Measured, never
 * asserted on speed.
 */
@ExtendWith(RealServices.class)
class IngestBenchmarkIT {
    private static final int IMAGES = 8;

    @TempDir
    static Path folder;

    @BeforeAll
    static void writeFolder() throws Exception {
        List<DatasetImage> cifar = TestImages.cifar(IMAGES);
        for (int i = 0; i < IMAGES; i++) {
            Path file = folder.resolve(cifar.get(i).label()).resolve(i + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, cifar.get(i).bytes());
        }
    }

    private static Settings settings(TestServices services) {
        return TestSettings.localPipeline(services, "bench");
    }

    private static JsonNode bench(TestServices services, ImageDelivery delivery, PythonReference python)
            throws Exception {
        try (BenchImages images = BenchImages.open(folder, 1, delivery)) {
            return new IngestBenchmark(settings(services), images, new IngestBenchRun(20, IMAGES, 4, 4, null, python))
                    .run(settled -> { });
        }
    }

    private static void assertMeasured(JsonNode json, ImageDelivery delivery) {
        assertEquals(delivery.label(), json.get("delivery").asText());
        assertEquals(IMAGES, json.get("images").asInt());
        assertEquals(0, json.get("dead_letters").asInt(), json.toString());
        assertTrue(json.get("images_per_s").asDouble() > 0, json.toString());
        assertTrue(json.get("stage_cpu_ms_per_image").has("load"), json.toString());
        assertTrue(json.get("machine").get("cores").asInt() > 0, json.toString());
    }

    @Test
    void fileUrisWithThePythonLoopBeside(TestServices services) throws Exception {
        JsonNode json = bench(services, ImageDelivery.FILE,
                new PythonReference(Path.of("/usr/bin/python3"), PythonReference.defaultScript()));

        assertMeasured(json, ImageDelivery.FILE);
        JsonNode python = json.get("python_reference");
        assertEquals(IMAGES, python.get("images").asInt(), json.toString());
        assertEquals(112, python.get("input_size").asInt());
        assertEquals(128, python.get("resize").asInt());
        assertEquals("gem", python.get("descriptor").asText());
        assertEquals("squeezenet1_0-features.pt", python.get("model").asText());
        assertEquals(512, python.get("vector_shape").get(0).asInt());
        assertTrue(json.get("end_to_end_vs_python").asDouble() > 0, json.toString());
    }

    @Test
    void inlineBytes(TestServices services) throws Exception {
        assertMeasured(bench(services, ImageDelivery.INLINE, null), ImageDelivery.INLINE);
    }

    @Test
    void httpUrisOfTheLoopbackServer(TestServices services) throws Exception {
        assertMeasured(bench(services, ImageDelivery.HTTP, null), ImageDelivery.HTTP);
    }

    @Test
    void atTheDeadlineItFailsWithTheIdsThatDidNotSettle(TestServices services) throws Exception {
        // 2,000 CIFAR images in one second would be ten times the fastest rate measured: it stops in the warm-up
        // or the backlog, whichever the second ends in
        try (BenchImages images = BenchImages.open(Settings.defaultDataset(), 1, ImageDelivery.INLINE)) {
            IngestBenchmark bench = new IngestBenchmark(settings(services), images,
                    new IngestBenchRun(20, 2000, 2, 2, Duration.ofSeconds(1), null));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> bench.run(settled -> { }));

            Matcher m = Pattern.compile("gave up waiting \\(timeout 1 s\\): the deadline passed: ([0-9]+) of ([0-9]+) "
                    + "messages settled \\(job status: RUNNING\\); ([0-9]+) ids neither indexed nor dead-lettered: "
                    + "[0-9]+(, [0-9]+){0,19}( and [0-9]+ more)?").matcher(e.getMessage());
            assertTrue(m.matches(), e.getMessage());
            int settled = Integer.parseInt(m.group(1));
            int unsettled = Integer.parseInt(m.group(3));
            assertTrue(unsettled > 0 && unsettled <= Integer.parseInt(m.group(2)) - settled, e.getMessage());
        }
    }
}
