package org.imagesearch.config;

import picocli.CommandLine.Mixin;

/**
 * For the commands that embed images into or against the vector table: the table and model, the stored
 * projection to apply and the limits for loading images.
 */
public final class EmbeddingOptions {
    @Mixin
    final VectorTableOptions vectors;
    @Mixin
    final LoaderOptions loader = new LoaderOptions();
    @Mixin
    private final ProjectionOptions projection = new ProjectionOptions();

    public EmbeddingOptions() {
        this(new TableOptions());
    }

    /** For a command with a table of its own (eval, bench ingest): its name unless {@code --table} gives one. */
    public EmbeddingOptions(String defaultTable) {
        this(new TableOptions(defaultTable));
    }

    private EmbeddingOptions(TableOptions table) {
        vectors = new VectorTableOptions(table);
    }

    /** Handed to {@code SettingsResolver}, which loads the projection from the database. */
    public ProjectionChoice projection() {
        return projection.choice();
    }
}
