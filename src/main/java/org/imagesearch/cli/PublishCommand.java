package org.imagesearch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imagesearch.config.Options;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.publish.ImagePublisher;

/** {@code publish}: sends a data set or an image folder to the ingest topic, ids firstId.. in seeded order. */
final class PublishCommand {
    private PublishCommand() {}

    static void run(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of("inline"));
        Set<String> known = new TreeSet<>(Settings.OPTIONS);
        known.addAll(List.of("dataset", "limit", "first-id", "seed", "inline"));
        options.rejectUnknown(known);
        Settings settings = Settings.from(options);
        Path path = Path.of(options.require("dataset"));
        try (Dataset dataset = Dataset.open(path, options.getLong("seed", Dataset.DEFAULT_SEED), options.flag("inline"));
             ImagePublisher publisher = new ImagePublisher(settings.kafka().bootstrapServers(), settings.kafka().topic())) {
            int count = Math.min(options.getInt("limit", dataset.size()), dataset.size());
            long firstId = options.getLong("first-id", 0);
            System.err.println("Publishing " + count + " images of " + dataset.describe() + " to "
                    + settings.kafka().topic() + " at " + settings.kafka().bootstrapServers());
            ProgressBar bar = new ProgressBar();
            publisher.publish(dataset, count, firstId, done -> bar.update(done, count, "published"));
            bar.finish();
        }
    }
}
