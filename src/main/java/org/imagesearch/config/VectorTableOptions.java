package org.imagesearch.config;

import picocli.CommandLine.Mixin;

/**
 * The vector table and how its vectors are made: the connection, the table, the model and its descriptor.
 * {@code projection learn} needs no more; {@link EmbeddingOptions} adds what embedding images needs.
 */
public final class VectorTableOptions {
    @Mixin
    final DatabaseOptions database = new DatabaseOptions();
    @Mixin
    final TableOptions table;
    @Mixin
    final ModelOptions model = new ModelOptions();

    public VectorTableOptions() {
        this(new TableOptions());
    }

    VectorTableOptions(TableOptions table) {
        this.table = table;
    }
}
