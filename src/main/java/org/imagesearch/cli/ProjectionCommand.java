package org.imagesearch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imagesearch.config.Options;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.PcaWhitening;
import org.imagesearch.embed.Projection;
import org.imagesearch.json.Json;
import org.imagesearch.store.ProjectionLearner;

/**
 * {@code projection learn [--dims 128] [--shrinkage 0.1] [--sample 10000] [--json]}: learns PCA whitening
 * from the configured table's unprojected vectors (descriptor options as they were indexed) and stores it
 * as the next version. Vectors made with it need a re-index (README, Descriptors).
 */
final class ProjectionCommand {
    private ProjectionCommand() {}

    static void run(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("learn")) {
            throw new IllegalArgumentException("usage: projection learn [--dims 128] [--shrinkage 0.1] [--sample 10000]");
        }
        Options options = Options.parse(java.util.Arrays.copyOfRange(args, 1, args.length), Set.of("json"));
        Set<String> known = new TreeSet<>(Settings.OPTIONS);
        known.addAll(List.of("dims", "shrinkage", "sample", "json"));
        options.rejectUnknown(known);
        Settings settings = Settings.from(options).withProjection(null);
        double shrinkage = options.getDouble("shrinkage", PcaWhitening.DEFAULT_SHRINKAGE);
        int sample = options.getInt("sample", PcaWhitening.DEFAULT_SAMPLE);
        Projection projection = ProjectionLearner.learn(settings, options.getInt("dims", 128), shrinkage, sample);
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
    }
}
