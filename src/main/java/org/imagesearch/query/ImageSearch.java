package org.imagesearch.query;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imagesearch.config.Settings;
import org.imagesearch.config.TableSpec;
import org.imagesearch.embed.DistanceMetric;
import org.imagesearch.embed.Vectors;
import org.imagesearch.store.ImageTable;
import org.imagesearch.store.StoredImage;
import org.imagesearch.store.Transactions;

/**
 * Answers a {@link Query} against the vector table: turns the target into a query vector (embedding an
 * image with the same model and preprocessing as ingestion), then runs a top-k search through the HNSW
 * index. Filtered queries use pgvector's iterative index scan and fall back to an exact scan when the
 * index walk stops short of k matching rows. With query expansion the search runs a second time from
 * the query blended with its first answers. The table searched is the {@link FollowedTable}'s current one. Thread-safe;
 * the caller supplies the connection.
 */
public final class ImageSearch {
    private final FollowedTable tables;
    private final int defaultEfSearch;
    private final int defaultExpansion;
    private final QueryImageEmbedder images;

    public ImageSearch(FollowedTable tables, int defaultEfSearch, int defaultExpansion, QueryImageEmbedder images) {
        this.tables = tables;
        this.defaultEfSearch = defaultEfSearch;
        this.defaultExpansion = defaultExpansion;
        this.images = images;
    }

    public ImageSearch(TableSpec table, int defaultEfSearch, int defaultExpansion, QueryImageEmbedder images) {
        this(FollowedTable.fixed(table), defaultEfSearch, defaultExpansion, images);
    }

    /** A search over the configured table with the configured defaults. */
    public static ImageSearch of(Settings settings, QueryImageEmbedder images) {
        return new ImageSearch(settings.database().table(), settings.search().efSearch(),
                settings.search().queryExpansion(), images);
    }

    /** A search over the table the configured table's alias points to, followed as it is switched. */
    public static ImageSearch following(Settings settings, QueryImageEmbedder images) {
        return new ImageSearch(FollowedTable.following(settings.database().table(), settings.model().tag()),
                settings.search().efSearch(), settings.search().queryExpansion(), images);
    }

    /** The table searches go to now. */
    public TableSpec table(Connection connection) throws SQLException {
        return tables.current(connection).table();
    }

    /** The vector of an image as a search by it would compute it. */
    public float[] embed(QueryTarget.ByImage image) throws InvalidQueryException {
        return images.embed(image);
    }

    public SearchResult search(Connection connection, Query query)
            throws InvalidQueryException, UnknownImageException, SQLException {
        long started = System.nanoTime();
        FollowedTable.Target searched = tables.current(connection);
        if (query.target() instanceof QueryTarget.ByImage && searched.imageRefusal() != null) {
            throw new InvalidQueryException(searched.imageRefusal());
        }
        TableSpec table = searched.table();
        ImageTable rows = new ImageTable(table);
        boolean byId = query.target() instanceof QueryTarget.ById;
        float[] vector = null;
        long id = 0;
        StoredImage queryImage = null;
        if (query.target() instanceof QueryTarget.ById target) {
            id = target.id();
            queryImage = rows.describe(connection, id);
            if (queryImage == null) {
                throw new UnknownImageException(id);
            }
        }
        DistanceMetric distance = query.distance() != null ? query.distance() : table.distance();
        if (query.target() instanceof QueryTarget.ByVector target) {
            vector = checked(table, target.vector(), distance);
        } else if (query.target() instanceof QueryTarget.ByImage target) {
            vector = images.embed(target);
        }
        int efSearch = Math.max(query.efSearch() != null ? query.efSearch() : defaultEfSearch, query.k());
        int expansion = query.expansion() != null ? query.expansion() : defaultExpansion;
        float[] queryVector = vector;
        long queryId = id;
        List<Hit> hits = Transactions.run(connection, c -> {
            List<Hit> found = topK(c, SearchSql.topK(table, distance, byId, query.filter()), efSearch, query,
                    queryVector, queryId, query.k());
            if (expansion > 0 && !found.isEmpty()) {
                found = expanded(c, table, query, distance, efSearch,
                        byId ? rows.vectorsOf(c, List.of(queryId)).get(queryId) : queryVector, queryId,
                        byId, found.subList(0, Math.min(expansion, found.size())));
            }
            return found;
        });
        return new SearchResult(hits, (System.nanoTime() - started) / 1e6, queryImage);
    }

    /** The second round of query expansion: search with the query blended with its top answers. */
    private List<Hit> expanded(Connection connection, TableSpec table, Query query, DistanceMetric distance,
                               int efSearch, float[] queryVector, long id, boolean byId, List<Hit> top)
            throws SQLException {
        Map<Long, float[]> stored = new ImageTable(table).vectorsOf(connection, top.stream().map(Hit::id).toList());
        List<float[]> neighbours = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        for (Hit hit : top) {
            if (stored.containsKey(hit.id())) {
                neighbours.add(stored.get(hit.id()));
                distances.add(hit.distance());
            }
        }
        float[] blended = QueryExpansion.expand(queryVector, neighbours, distances, distance);
        // A by-id query leaves its own image out: ask for one more and drop it.
        List<Hit> hits = topK(connection, SearchSql.topK(table, distance, false, query.filter()), efSearch, query,
                blended, 0, byId ? query.k() + 1 : query.k());
        List<Hit> answers = new ArrayList<>(hits.stream().filter(h -> !byId || h.id() != id).toList());
        return answers.size() > query.k() ? answers.subList(0, query.k()) : answers;
    }

    /**
     * One top-k search. Filtered searches that stop short of k rows in the index (the iterative scan gives
     * up after hnsw.max_scan_tuples; a selective filter may need more) are repeated as an exact scan.
     */
    private List<Hit> topK(Connection connection, String sql, int efSearch, Query query, float[] vector, long id,
                           int k) throws SQLException {
        List<Hit> hits = run(connection, sql, efSearch, !query.exact(), query, vector, id, k);
        if (hits.size() < k && !query.exact() && !query.filter().isEmpty()) {
            hits = run(connection, sql, efSearch, false, query, vector, id, k);
        }
        return hits;
    }

    private List<Hit> run(Connection connection, String sql, int efSearch, boolean useIndex, Query query,
                          float[] vector, long id, int k) throws SQLException {
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
            ps.setInt(p, k);
            List<Hit> hits = new ArrayList<>(k);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hits.add(new Hit(rs.getLong(1), rs.getString(2), rs.getDouble(4), rs.getString(3)));
                }
            }
            return hits;
        }
    }

    private static float[] checked(TableSpec table, float[] vector, DistanceMetric distance)
            throws InvalidQueryException {
        if (vector.length != table.dimension()) {
            throw new InvalidQueryException("vector has " + vector.length + " values, the table stores "
                    + table.dimension());
        }
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                throw new InvalidQueryException("vector values must be finite numbers");
            }
        }
        if (distance == DistanceMetric.COSINE && Vectors.isZero(vector)) {
            throw new InvalidQueryException("a zero vector has no direction: its cosine distance to anything is undefined");
        }
        return vector;
    }
}
