package org.imagesearch.query;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.imagesearch.config.DistanceMetric;
import org.imagesearch.config.Settings;
import org.imagesearch.config.TableSpec;
import org.imagesearch.embed.RgbImage;
import org.imagesearch.ingest.ImageDecoder;
import org.imagesearch.ingest.ImageLoader;
import org.imagesearch.ingest.RejectedMessageException;
import org.imagesearch.store.VectorTableSql;

/**
 * Answers a {@link Query} against the vector table: turns the target into a query vector (embedding an
 * image with the same model and preprocessing as ingestion), then runs a top-k search through the HNSW
 * index. Filtered queries use pgvector's iterative index scan and fall back to an exact scan when the
 * index walk stops short of k matching rows. Thread-safe; the caller supplies the connection.
 */
public final class ImageSearch {
    private final TableSpec table;
    private final int defaultEfSearch;
    private final ImageLoader loader;
    private final ImageDecoder decoder;
    private final EmbedderPool embedders;
    private final VectorTableSql tableSql;

    /** {@code embedders} may be null where only id and vector queries are needed. */
    public ImageSearch(TableSpec table, int defaultEfSearch, Settings.Loader loaderLimits, EmbedderPool embedders) {
        this.table = table;
        this.defaultEfSearch = defaultEfSearch;
        this.loader = new ImageLoader(loaderLimits);
        this.decoder = new ImageDecoder(loaderLimits.maxPixels());
        this.embedders = embedders;
        this.tableSql = new VectorTableSql(table);
    }

    public TableSpec table() {
        return table;
    }

    public SearchResult search(Connection connection, Query query)
            throws InvalidQueryException, UnknownImageException, SQLException {
        long start = System.nanoTime();
        boolean byId = query.target() instanceof QueryTarget.ById;
        float[] vector = null;
        long id = 0;
        if (query.target() instanceof QueryTarget.ById target) {
            id = target.id();
            if (!exists(connection, id)) {
                throw new UnknownImageException(id);
            }
        } else if (query.target() instanceof QueryTarget.ByVector target) {
            vector = checked(target.vector());
        } else {
            vector = embed((QueryTarget.ByImage) query.target());
        }
        DistanceMetric distance = query.distance() != null ? query.distance() : table.distance();
        String sql = SearchSql.topK(table, distance, byId, query.filter());
        int efSearch = Math.max(query.efSearch() != null ? query.efSearch() : defaultEfSearch, query.k());
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<Hit> hits = run(connection, sql, efSearch, !query.exact(), query, vector, id);
            if (hits.size() < query.k() && !query.exact() && !query.filter().isEmpty()) {
                // The iterative scan gives up after hnsw.max_scan_tuples; a selective filter may need more.
                hits = run(connection, sql, efSearch, false, query, vector, id);
            }
            connection.commit();
            return new SearchResult(hits, (System.nanoTime() - start) / 1e6);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The stored thumbnail of an image, or null if there is no such id. */
    public byte[] thumbnail(Connection connection, long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(tableSql.thumbnailOf())) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    public long countRows(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(tableSql.countRows());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The class of a stored image ("" when it has none), or null if there is no such id. */
    public String labelOf(Connection connection, long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(tableSql.labelOf())) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String label = rs.getString(1);
                return label == null ? "" : label;
            }
        }
    }

    private boolean exists(Connection connection, long id) throws SQLException {
        return labelOf(connection, id) != null;
    }

    private List<Hit> run(Connection connection, String sql, int efSearch, boolean useIndex, Query query,
                          float[] vector, long id) throws SQLException {
        try (PreparedStatement settings = connection.prepareStatement(SearchSql.settings())) {
            settings.setString(1, Integer.toString(efSearch));
            settings.setString(2, "strict_order");
            settings.setString(3, useIndex ? "on" : "off");
            settings.setString(4, useIndex ? "off" : "on");
            settings.execute();
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int p = 1;
            if (vector != null) {
                ps.setObject(p++, new PGvector(vector));
            } else {
                ps.setLong(p++, id);
            }
            if (query.filter().label() != null) {
                ps.setString(p++, query.filter().label());
            }
            if (query.filter().metadataJson() != null) {
                ps.setString(p++, query.filter().metadataJson());
            }
            if (vector == null) {
                ps.setLong(p++, id);
            }
            ps.setInt(p, query.k());
            List<Hit> hits = new ArrayList<>(query.k());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hits.add(new Hit(rs.getLong(1), rs.getString(2), rs.getDouble(4), rs.getString(3)));
                }
            }
            return hits;
        }
    }

    private float[] checked(float[] vector) throws InvalidQueryException {
        if (vector.length != table.dimension()) {
            throw new InvalidQueryException("vector has " + vector.length + " values, the table stores "
                    + table.dimension());
        }
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                throw new InvalidQueryException("vector values must be finite numbers");
            }
        }
        return vector;
    }

    private float[] embed(QueryTarget.ByImage target) throws InvalidQueryException {
        if (embedders == null) {
            throw new InvalidQueryException("image queries are not enabled here (no model loaded)");
        }
        try {
            byte[] bytes = target.bytes() != null ? target.bytes() : loader.load(target.uri());
            RgbImage image = decoder.decode(bytes);
            return embedders.embed(image);
        } catch (RejectedMessageException e) {
            throw new InvalidQueryException("query image: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidQueryException("interrupted while embedding the query image");
        } catch (ai.djl.translate.TranslateException | RuntimeException e) {
            throw new InvalidQueryException("query image: model error: " + e.getMessage());
        }
    }
}
