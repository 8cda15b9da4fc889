package org.imagesearch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.imagesearch.config.EnvironmentDefaults;
import org.imagesearch.config.KafkaOptions;
import org.imagesearch.config.Settings;
import org.imagesearch.config.SettingsBuilder;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.publish.ImagePublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code publish}: sends a data set or an image folder to the ingest topic, ids firstId.. in seeded order. */
@Command(name = "publish", mixinStandardHelpOptions = true, description = {
        "Publish a data set (CIFAR binary file, zip, or image folder <root>/<class>/<file>) to the ingest topic, "
                + "as ids first-id.. in a seeded shuffled order.",
        "Folders go as file: URIs (the job needs them under --file-roots) unless --inline."})
final class PublishCommand implements Callable<Integer> {
    // Checked in call(), not by picocli's required = true, which would hide an unknown option behind itself.
    @Option(names = "--dataset", paramLabel = "PATH", description = "what to publish (required)")
    private Path dataset;

    @Option(names = "--limit", paramLabel = "N", description = "publish the first N only (default: all)")
    private Integer limit;

    @Option(names = "--first-id", paramLabel = "ID", description = "id of the first image (default: ${DEFAULT-VALUE})")
    private long firstId = 0;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the shuffled order (default: ${DEFAULT-VALUE})")
    private long seed = Dataset.DEFAULT_SEED;

    @Option(names = "--inline", description = "send a folder's images as bytes in the message, not as file: URIs")
    private boolean inline;

    @Mixin
    private KafkaOptions kafka;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (dataset == null) {
            throw new ParameterException(spec.commandLine(),
                    "missing --dataset PATH (or " + EnvironmentDefaults.variableName("--dataset") + ")");
        }
        Settings.Kafka settings = new SettingsBuilder().with(kafka).build().kafka();
        try (Dataset images = Dataset.open(dataset, seed, inline);
             ImagePublisher publisher = new ImagePublisher(settings.bootstrapServers(), settings.topic())) {
            int count = limit == null ? images.size() : Math.min(limit, images.size());
            System.err.println("Publishing " + count + " images of " + images.describe() + " to "
                    + settings.topic() + " at " + settings.bootstrapServers());
            ProgressBar bar = new ProgressBar();
            publisher.publish(images, count, firstId, done -> bar.update(done, count, "published"));
            bar.finish();
        }
        return 0;
    }
}
