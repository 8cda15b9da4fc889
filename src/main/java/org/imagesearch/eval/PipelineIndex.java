package org.imagesearch.eval;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.LongConsumer;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.local.LocalPipeline;
import org.imagesearch.store.ImageTable;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.VectorTableSchema;
import org.imagesearch.store.VectorTableSql;

/**
 * The evaluations' index: data set positions 0..n-1 published as ids 0..n-1 through the real ingest pipeline into a
 * table made anew, so a change of descriptor or dimension just works; or an earlier run's table, checked to hold those.
 */
final class PipelineIndex {
    private PipelineIndex() {}

    /** Indexes the first {@code count} images and waits until all are in the table. */
    static void index(Settings settings, Dataset dataset, int count, LongConsumer progress) throws Exception {
        try (Connection connection = PostgresConnections.open(settings.database());
             PreparedStatement drop = connection.prepareStatement(
                     new VectorTableSql(settings.database().table()).dropTable())) {
            drop.execute();
        }
        try (LocalPipeline pipeline = LocalPipeline.start(settings, true)) {
            if (pipeline.publishAndAwait(dataset, count, published -> { }, progress) > 0) {
                throw new IllegalStateException(pipeline.deadLetters() + " database images were dead-lettered: "
                        + pipeline.latestDeadLetter());
            }
        }
    }

    /** Fails unless the table holds exactly {@code count} images made with the configured descriptor. */
    static void requireIndexed(Settings settings, int count) throws SQLException {
        try (Connection connection = PostgresConnections.open(settings.database())) {
            new VectorTableSchema(new VectorTableSql(settings.database().table()))
                    .requireDescriptor(connection, settings.model().tag());
            long rows = new ImageTable(settings.database().table()).countRows(connection);
            if (rows != count) {
                throw new IllegalStateException("table " + settings.database().table().name() + " holds " + rows
                        + " images, not the " + count + " database images: run without --reuse-index");
            }
        }
    }
}
