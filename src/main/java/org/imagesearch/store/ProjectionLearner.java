package org.imagesearch.store;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.embed.PcaWhitening;
import org.imagesearch.embed.Projection;

/**
 * Learns a PCA-whitening projection from a random sample of the unprojected vectors in the configured
 * table and stores it as the next version for their descriptor.
 */
public final class ProjectionLearner {
    /** The sample is drawn with a fixed seed, so learning twice from the same table gives the same result. */
    private static final double SEED = 0.42;

    private ProjectionLearner() {}

    public static Projection learn(Settings settings, int outputDim, double shrinkage, int sampleSize)
            throws SQLException {
        DescriptorTag source = settings.model().descriptor().withoutProjection().tag(settings.model().name());
        VectorTableSql sql = new VectorTableSql(settings.database().table());
        try (Connection connection = PostgresConnections.open(settings.database())) {
            List<float[]> sample = sample(connection, sql, source, sampleSize);
            if (sample.size() <= outputDim) {
                throw new IllegalStateException("table " + sql.table().name() + " holds " + sample.size()
                        + " unprojected " + source.describe() + " vectors; learning a " + outputDim
                        + "-d projection needs more than " + outputDim);
            }
            Projection learned = PcaWhitening.learn(sample, outputDim, shrinkage);
            return ProjectionStore.save(connection, source, learned,
                    new ProjectionStore.Provenance(sql.table().name(), sample.size(), shrinkage));
        }
    }

    private static List<float[]> sample(Connection connection, VectorTableSql sql, DescriptorTag source, int size)
            throws SQLException {
        try (PreparedStatement seed = connection.prepareStatement("SELECT setseed(?)")) {
            seed.setDouble(1, SEED);
            seed.execute();
        }
        List<float[]> vectors = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.sampleUnprojected())) {
            ps.setString(1, source.model());
            ps.setString(2, source.descriptor());
            ps.setInt(3, source.inputSize());
            ps.setInt(4, size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    vectors.add(new PGvector(rs.getString(1)).toArray()); // from text: halfvec columns too
                }
            }
        }
        return vectors;
    }
}
