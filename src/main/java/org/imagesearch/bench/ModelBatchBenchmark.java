package org.imagesearch.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsDescription;
import org.imagesearch.image.RgbImage;
import org.imagesearch.json.Json;
import org.imagesearch.report.MachineInfo;

/**
 * The model alone at several micro-batch sizes, on the same decoded images, to choose {@code --embed-batch-size}:
 * images per second over the threads and CPU milliseconds per image, which a loaded machine changes less than the
 * rate. The sizes take turns over {@code rounds} rounds, so that a drift of the machine's speed touches all of them.
 */
public final class ModelBatchBenchmark {
    private final Settings settings;
    private final BenchImages images;
    private final int count;
    private final int threads;

    public ModelBatchBenchmark(Settings settings, BenchImages images, int count, int threads) {
        this.settings = settings;
        this.images = images;
        this.count = count;
        this.threads = threads;
    }

    public ObjectNode run(List<Integer> batchSizes, int rounds) throws Exception {
        List<RgbImage> decoded = ModelOnlyBenchmark.decoded(images, settings, count);
        double[][] rates = new double[batchSizes.size()][rounds];
        double[][] cpu = new double[batchSizes.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int b = 0; b < batchSizes.size(); b++) {
                ModelOnlyBenchmark.Rate rate = ModelOnlyBenchmark.measure(settings.modelSpec(), threads, batchSizes.get(b),
                        decoded);
                rates[b][round] = rate.imagesPerSecond();
                cpu[b][round] = rate.cpuMillisPerImage();
            }
        }
        ObjectNode result = Json.object().put("benchmark", "model").put("images", count).put("threads", threads)
                .put("rounds", rounds);
        ArrayNode sizes = result.putArray("batch_sizes");
        for (int b = 0; b < batchSizes.size(); b++) {
            sizes.addObject().put("batch_size", batchSizes.get(b))
                    .put("images_per_s", Json.rounded(new Percentiles(rates[b]).at(50), 2))
                    .put("cpu_ms_per_image", Json.rounded(new Percentiles(cpu[b]).at(50), 2));
        }
        result.setAll(SettingsDescription.of(settings));
        result.put("dataset", images.describe());
        result.set("machine", MachineInfo.describe());
        return result;
    }
}
