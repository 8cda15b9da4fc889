package org.imagesearch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.config.VectorTableOptions;
import org.imagesearch.embed.PcaWhitening;
import org.imagesearch.embed.Projection;
import org.imagesearch.json.Json;
import org.imagesearch.store.ProjectionLearner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code projection learn}: learns PCA whitening from the configured table's unprojected vectors (descriptor
 * options as they were indexed) and stores it as the next version. Vectors made with it need a re-index
 * (README, Descriptors).
 */
@Command(name = "learn", mixinStandardHelpOptions = true, description = {
        "Learn PCA whitening from the table's vectors (give the descriptor options it was indexed with) and store "
                + "it as the next version; prints one JSON line.",
        "Vectors made with it need a re-index: --projection N into a new --table (README, Descriptors)."})
final class ProjectionLearnCommand implements Callable<Integer> {
    @Option(names = "--dims", paramLabel = "N", description = "output dimensions (default: ${DEFAULT-VALUE})")
    private int dims = 128;

    @Option(names = "--shrinkage", paramLabel = "S",
            description = "shrinkage of the eigenvalues towards their mean, 0..1 (default: ${DEFAULT-VALUE})")
    private double shrinkage = PcaWhitening.DEFAULT_SHRINKAGE;

    @Option(names = "--sample", paramLabel = "N", description = "vectors learned from (default: ${DEFAULT-VALUE})")
    private int sample = PcaWhitening.DEFAULT_SAMPLE;

    @Mixin
    private VectorTableOptions vectors;

    @Override
    public Integer call() throws Exception {
        Settings settings = new SettingsBuilder().with(vectors).build();
        Projection projection = ProjectionLearner.learn(settings, dims, shrinkage, sample);
        String source = settings.model().tag().describe();
        System.err.printf("Stored projection version %d for %s: PCA whitening %d -> %d, learned from table %s%n",
                projection.version(), source, projection.inputDim(), projection.outputDim(),
                settings.database().table().name());
        System.err.println("Re-index with --projection " + projection.version() + " into a new --table (README, Descriptors)");
        ObjectNode json = Json.object();
        json.put("version", projection.version());
        json.put("source", source);
        json.put("input_dim", projection.inputDim());
        json.put("output_dim", projection.outputDim());
        json.put("shrinkage", shrinkage);
        json.put("learned_from", settings.database().table().name());
        System.out.println(json);
        return 0;
    }
}
