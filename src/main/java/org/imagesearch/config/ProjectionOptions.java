package org.imagesearch.config;

import picocli.CommandLine.Option;

/**
 * {@code --projection}: which stored projection a command applies. Apart from {@link ModelOptions}, because
 * {@code projection learn} reads the unprojected vectors and has no use for it.
 */
public final class ProjectionOptions {
    @Option(names = "--projection", paramLabel = "none|latest|N", description = "a stored projection "
            + "(PCA whitening) applied after pooling: none, latest or a version number (default: ${DEFAULT-VALUE})")
    private String projection = "none";

    public ProjectionChoice choice() {
        return ProjectionChoice.parse(projection);
    }
}
