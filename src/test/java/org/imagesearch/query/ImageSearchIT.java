package org.imagesearch.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.imagesearch.config.Settings;
import org.imagesearch.config.VectorType;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.embed.DistanceMetric;
import org.imagesearch.embed.EmbedderPool;
import org.imagesearch.store.ImageTable;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.testing.IndexedImages;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TableRows;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The query model on a real pgvector table of real CIFAR-10 images embedded by the real model. */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageSearchIT {
    private static final int IMAGES = 120;

    private Settings.Database db;
    private List<DatasetImage> images;
    private EmbedderPool embedders;
    private ImageSearch search;
    private ImageTable rows;

    @BeforeAll
    void indexImages(TestServices services) throws Exception {
        db = services.database(TestServices.uniqueName("search"));
        images = TestImages.cifar(IMAGES);
        Settings settings = TestSettings.parse().withDatabase(db);
        embedders = new EmbedderPool(settings.modelSpec(), 1);
        search = new ImageSearch(db.table(), 100, 0, QueryImageEmbedder.using(embedders, settings.loader()));
        rows = new ImageTable(db.table());
        IndexedImages.write(settings, images);
    }

    @AfterAll
    void closeModels() throws Exception {
        embedders.close();
    }

    @Test
    void anIndexedImageQueriedByItsBytesComesBackFirstAtDistanceZero() throws Exception {
        try (Connection c = PostgresConnections.open(db)) {
            for (int id : new int[] {0, 17, 99}) {
                List<Hit> hits = search.search(c, Query.of(new QueryTarget.ByImage(images.get(id).bytes(), null), 5)).hits();
                assertEquals(id, hits.get(0).id());
                assertEquals(0.0, hits.get(0).distance(), 1e-3);
                assertEquals(images.get(id).label(), hits.get(0).label());
                assertTrue(hits.get(0).metadataJson().contains("\"record\": " + id), hits.get(0).metadataJson());
            }
        }
    }

    @Test
    void byIdEqualsByVectorWithoutTheQueryImageItself() throws Exception {
        float[] stored = TableRows.read(db).get(5L).vector();
        try (Connection c = PostgresConnections.open(db)) {
            List<Hit> byId = search.search(c, Query.of(new QueryTarget.ById(5), 20)).hits();
            List<Hit> byVector = search.search(c, Query.of(new QueryTarget.ByVector(stored), 21)).hits();
            assertEquals(5, byVector.get(0).id());
            assertEquals(20, byId.size());
            for (int i = 0; i < 20; i++) {
                assertEquals(byVector.get(i + 1).id(), byId.get(i).id());
                assertEquals(byVector.get(i + 1).distance(), byId.get(i).distance(), 1e-6);
            }
            assertFalse(byId.stream().anyMatch(h -> h.id() == 5));
        }
    }

    @Test
    void queryExpansionSearchesAgainFromTheQueryBlendedWithItsTopAnswers() throws Exception {
        Map<Long, TableRows.Row> rows = TableRows.read(db);
        try (Connection c = PostgresConnections.open(db)) {
            Query plain = Query.of(new QueryTarget.ById(5), 20).exactly().withExpansion(0);
            List<Hit> first = search.search(c, plain).hits();
            // alpha-QE by hand: the query plus its top 3, each weighted by (1 - cosine distance)^3, unit length
            float[] blended = rows.get(5L).vector().clone();
            for (Hit hit : first.subList(0, 3)) {
                double weight = Math.pow(1 - hit.distance(), 3);
                float[] v = rows.get(hit.id()).vector();
                for (int i = 0; i < blended.length; i++) {
                    blended[i] += (float) (weight * v[i]);
                }
            }
            List<Long> expected = search.search(c, Query.of(new QueryTarget.ByVector(blended), 21).exactly()).hits()
                    .stream().map(Hit::id).filter(id -> id != 5).limit(20).toList();
            List<Hit> expanded = search.search(c, plain.withExpansion(3)).hits();
            assertEquals(expected, ids(expanded));
            assertFalse(expanded.stream().anyMatch(h -> h.id() == 5), "a by-id query still leaves itself out");
        }
    }

    @Test
    void answersAreOrderedAndMatchAnExactScan() throws Exception {
        try (Connection c = PostgresConnections.open(db)) {
            Query query = Query.of(new QueryTarget.ById(3), 20);
            List<Hit> approximate = search.search(c, query.withEfSearch(IMAGES)).hits();
            List<Hit> exact = search.search(c, query.exactly()).hits();
            assertEquals(ids(exact), ids(approximate), "an ef_search covering every row walks the index exactly");
            for (int i = 1; i < exact.size(); i++) {
                assertTrue(exact.get(i - 1).distance() <= exact.get(i).distance());
            }
        }
    }

    @Test
    void classAndMetadataFiltersHoldWithAndWithoutTheIndex() throws Exception {
        String label = images.get(0).label();
        long matching = images.stream().filter(i -> i.label().equals(label)).count();
        Filter filter = new Filter(label, "{\"parity\": \"even\"}");
        long matchingBoth = java.util.stream.IntStream.range(0, IMAGES)
                .filter(i -> i % 2 == 0 && images.get(i).label().equals(label)).count();
        try (Connection c = PostgresConnections.open(db)) {
            Query byClass = Query.of(new QueryTarget.ById(1), 100).withFilter(new Filter(label, null));
            List<Hit> indexed = search.search(c, byClass).hits();
            List<Hit> exact = search.search(c, byClass.exactly()).hits();
            long expected = matching - (images.get(1).label().equals(label) ? 1 : 0);
            assertEquals(expected, indexed.size(), "every matching row, found through the iterative index scan");
            assertEquals(ids(exact), ids(indexed));
            assertTrue(indexed.stream().allMatch(h -> h.label().equals(label)));

            Query both = Query.of(new QueryTarget.ById(1), 100).withFilter(filter);
            List<Hit> filtered = search.search(c, both).hits();
            assertEquals(ids(search.search(c, both.exactly()).hits()), ids(filtered));
            assertEquals(matchingBoth, filtered.size(), "id 1 is odd, so never among the even rows");
            assertTrue(filtered.stream().allMatch(h -> h.id() % 2 == 0 && h.label().equals(label)));
        }
    }

    @Test
    void aFilteredQueryStillReturnsKRowsWhenTheIndexWalkStopsShort() throws Exception {
        String label = images.get(0).label();
        try (Connection c = PostgresConnections.open(db)) {
            try (Statement s = c.createStatement()) {
                // make pgvector's iterative scan give up almost at once: the exact fallback must fill in
                s.execute("SET hnsw.max_scan_tuples = 1");
            }
            Query query = Query.of(new QueryTarget.ById(0), 5).withFilter(new Filter(label, null)).withEfSearch(5);
            List<Hit> hits = search.search(c, query).hits();
            assertEquals(5, hits.size());
            assertEquals(ids(search.search(c, query.exactly()).hits()), ids(hits));
        }
    }

    @Test
    void anotherDistanceCanBeAskedForPerQuery() throws Exception {
        try (Connection c = PostgresConnections.open(db)) {
            // The default descriptor's vectors have unit length, so their L2 distances lie in 0..2.
            Query l2 = new Query(new QueryTarget.ById(2), 10, DistanceMetric.L2, null, null, false, null);
            List<Hit> hits = search.search(c, l2).hits();
            assertEquals(10, hits.size());
            assertTrue(hits.stream().allMatch(h -> h.distance() >= 0 && h.distance() <= 2));
        }
    }

    @Test
    void badQueriesAreRefusedWithAReason() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Query.of(new QueryTarget.ById(1), 0));
        assertThrows(IllegalArgumentException.class, () -> Query.of(new QueryTarget.ById(1), Query.MAX_K + 1));
        assertThrows(IllegalArgumentException.class, () -> Query.of(new QueryTarget.ById(1), 5).withEfSearch(0));
        try (Connection c = PostgresConnections.open(db)) {
            assertThrows(UnknownImageException.class, () -> search.search(c, Query.of(new QueryTarget.ById(99999), 5)));
            InvalidQueryException wrongSize = assertThrows(InvalidQueryException.class,
                    () -> search.search(c, Query.of(new QueryTarget.ByVector(new float[3]), 5)));
            assertEquals("vector has 3 values, the table stores 512", wrongSize.getMessage());
            InvalidQueryException notAnImage = assertThrows(InvalidQueryException.class,
                    () -> search.search(c, Query.of(new QueryTarget.ByImage("hello".getBytes(), null), 5)));
            assertTrue(notAnImage.getMessage().startsWith("query image: not a supported image format"));
            InvalidQueryException noFileRoots = assertThrows(InvalidQueryException.class,
                    () -> search.search(c, Query.of(new QueryTarget.ByImage(null, "file:///etc/passwd"), 5)));
            assertTrue(noFileRoots.getMessage().contains("file URIs are disabled"), noFileRoots.getMessage());
        }
    }

    @Test
    void thumbnailsAndLabelsAreServedById() throws Exception {
        try (Connection c = PostgresConnections.open(db)) {
            byte[] thumbnail = rows.thumbnail(c, 4);
            assertArrayEquals(new org.imagesearch.image.ImageDecoder(Long.MAX_VALUE).decode(images.get(4).bytes()).rgb(),
                    new org.imagesearch.image.ImageDecoder(Long.MAX_VALUE).decode(thumbnail).rgb());
            assertNull(rows.thumbnail(c, 12345));
            assertEquals(images.get(4).label(), rows.labelOf(c, 4));
            assertEquals(IMAGES, rows.countRows(c));
        }
    }

    @Test
    void aHalfvecTableIsSearchedThroughItsIndexByImageIdAndVector(TestServices services) throws Exception {
        Settings.Database half = services.database(TestServices.uniqueName("halfvec"));
        half = half.withTable(half.table().withVectorType(VectorType.HALFVEC));
        List<DatasetImage> some = images.subList(0, 40);
        IndexedImages.write(TestSettings.parse().withDatabase(half), some);
        ImageSearch halves = new ImageSearch(half.table(), 100, 0,
                QueryImageEmbedder.using(embedders, TestSettings.parse().loader()));
        float[] stored = TableRows.read(half).get(7L).vector();
        try (Connection c = PostgresConnections.open(half)) {
            List<Hit> byImage = halves.search(c, Query.of(new QueryTarget.ByImage(some.get(7).bytes(), null), 5)).hits();
            assertEquals(7, byImage.get(0).id());
            assertEquals(0.0, byImage.get(0).distance(), 1e-3, "2-byte floats keep an image nearest to itself");
            Query byId = Query.of(new QueryTarget.ById(7), 10);
            assertEquals(ids(halves.search(c, byId.exactly()).hits()), ids(halves.search(c, byId.withEfSearch(40)).hits()));
            List<Hit> byVector = halves.search(c, Query.of(new QueryTarget.ByVector(stored), 11).withExpansion(2)).hits();
            assertEquals(11, byVector.size());
            assertEquals(7, byVector.get(0).id(), "expansion reads the stored halfvecs back");
            c.setAutoCommit(false);
            try (Statement explain = c.createStatement()) {
                explain.execute("SET LOCAL enable_seqscan = off");
                String sql = SearchSql.topK(half.table(), DistanceMetric.COSINE, false, Filter.NONE)
                        .replace("?::", "'" + java.util.Arrays.toString(stored) + "'::").replace("LIMIT ?", "LIMIT 5");
                StringBuilder plan = new StringBuilder();
                try (var rs = explain.executeQuery("EXPLAIN " + sql)) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertTrue(plan.toString().contains("Index Scan using " + half.table().indexName()), plan.toString());
            } finally {
                c.rollback();
            }
        }
    }

    private static List<Long> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }
}
