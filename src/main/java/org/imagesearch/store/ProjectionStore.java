package org.imagesearch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.embed.Projection;

/**
 * Learned projections, versioned per descriptor they apply to (model, descriptor, input size) in the table
 * {@value #TABLE}. A version is never changed once written: a new projection is a new version, and the
 * tables indexed with it record that number on every row.
 */
public final class ProjectionStore {
    static final String TABLE = "image_search_projections";

    /** Where a projection came from, kept with it for people reading the table later. */
    public record Provenance(String learnedFrom, int sampleSize, double shrinkage) {}

    private ProjectionStore() {}

    public static void ensure(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "model text NOT NULL, descriptor text NOT NULL, input_size integer NOT NULL, "
                    + "version integer NOT NULL, input_dim integer NOT NULL, output_dim integer NOT NULL, "
                    + "mean real[] NOT NULL, matrix real[] NOT NULL, "
                    + "learned_from text, sample_size integer, shrinkage double precision, "
                    + "created_at timestamptz NOT NULL DEFAULT now(), "
                    + "PRIMARY KEY (model, descriptor, input_size, version))");
        }
    }

    /**
     * Stores {@code projection} as the next version for {@code source} (an unprojected descriptor) and
     * returns it with that version number.
     */
    public static Projection save(Connection connection, DescriptorTag source, Projection projection,
                                  Provenance provenance) throws SQLException {
        ensure(connection);
        String sql = "INSERT INTO " + TABLE + " (model, descriptor, input_size, version, input_dim, output_dim, mean,"
                + " matrix, learned_from, sample_size, shrinkage) SELECT ?, ?, ?, coalesce(max(version), 0) + 1, ?, ?,"
                + " ?, ?, ?, ?, ? FROM " + TABLE + " WHERE model = ? AND descriptor = ? AND input_size = ?"
                + " RETURNING version";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int p = bindSource(ps, 1, source);
            ps.setInt(p++, projection.inputDim());
            ps.setInt(p++, projection.outputDim());
            ps.setArray(p++, PgArrays.real(connection, projection.mean()));
            ps.setArray(p++, PgArrays.real(connection, projection.matrix()));
            ps.setString(p++, provenance.learnedFrom());
            ps.setInt(p++, provenance.sampleSize());
            ps.setDouble(p++, provenance.shrinkage());
            bindSource(ps, p, source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Projection(rs.getInt(1), projection.inputDim(), projection.outputDim(), projection.mean(),
                        projection.matrix());
            }
        }
    }

    /** Version {@code version} for {@code source}, or the newest when {@code version} is null; null if none. */
    public static Projection load(Connection connection, DescriptorTag source, Integer version) throws SQLException {
        ensure(connection);
        String sql = "SELECT version, input_dim, output_dim, mean, matrix FROM " + TABLE
                + " WHERE model = ? AND descriptor = ? AND input_size = ?"
                + (version == null ? "" : " AND version = ?") + " ORDER BY version DESC LIMIT 1";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int p = bindSource(ps, 1, source);
            if (version != null) {
                ps.setInt(p, version);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Projection(rs.getInt(1), rs.getInt(2), rs.getInt(3), PgArrays.floats(rs.getArray(4)),
                        PgArrays.floats(rs.getArray(5)));
            }
        }
    }

    /**
     * The projection {@code choice} names for {@code source} (an unprojected descriptor): null for none;
     * fails when the chosen projection does not exist.
     */
    public static Projection chosen(Connection connection, DescriptorTag source, ProjectionChoice choice)
            throws SQLException {
        if (choice instanceof ProjectionChoice.None) {
            return null;
        }
        Integer version = choice instanceof ProjectionChoice.Version v ? v.number() : null;
        Projection projection = load(connection, source, version);
        if (projection == null) {
            throw new IllegalStateException("no projection " + (version == null ? "" : "version " + version + " ")
                    + "is stored for " + source.describe() + ": learn one with `image-search projection learn`");
        }
        return projection;
    }

    private static int bindSource(PreparedStatement ps, int first, DescriptorTag source) throws SQLException {
        ps.setString(first, source.model());
        ps.setString(first + 1, source.descriptor());
        ps.setInt(first + 2, source.inputSize());
        return first + 3;
    }
}
