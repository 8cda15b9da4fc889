package org.imagesearch.cli;

import java.nio.file.Path;
import org.imagesearch.config.Settings;
import picocli.CommandLine.Option;

/** {@code --dataset} of the commands that index a data set, the CIFAR-10 training split unless given. */
final class DatasetOption {
    @Option(names = "--dataset", paramLabel = "PATH", description = "a CIFAR-10 or CIFAR-100 binary file, a zip of "
            + "images or a folder <root>/<class>/<file> (default: ${DEFAULT-VALUE})")
    private Path path = Settings.defaultDataset();

    Path path() {
        return path;
    }
}
