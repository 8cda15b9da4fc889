package org.imagesearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.imagesearch.config.Settings;
import org.imagesearch.config.TableSpec;
import org.imagesearch.config.VectorType;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.embed.DistanceMetric;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Schema creation against a real PostgreSQL with pgvector. */
@ExtendWith(RealServices.class)
class VectorTableSchemaIT {
    private final TestServices services;

    VectorTableSchemaIT(TestServices services) {
        this.services = services;
    }

    @Test
    void createsTableHnswAndUpdatedAtIndexesIdempotently() throws Exception {
        Settings.Database db = services.database(TestServices.uniqueName("schema"));
        VectorTableSchema schema = new VectorTableSchema(new VectorTableSql(db.table()));
        try (Connection c = PostgresConnections.open(db)) {
            schema.ensure(c);
            schema.ensure(c);
            String hnsw = indexDefinition(c, db.table().indexName());
            assertTrue(hnsw.contains("USING hnsw (image_vector vector_cosine_ops)"), hnsw);
            assertTrue(hnsw.contains("m='16'") && hnsw.contains("ef_construction='64'"), hnsw);
            String updatedAt = indexDefinition(c, db.table().updatedAtIndexName());
            assertTrue(updatedAt.endsWith("USING btree (updated_at)"), updatedAt);
        }
    }

    private static String indexDefinition(Connection c, String index) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT indexdef FROM pg_indexes WHERE indexname = ?")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), index + " exists");
                return rs.getString(1);
            }
        }
    }

    @Test
    void refusesAnExistingTableOfAnotherDimension() throws Exception {
        String name = TestServices.uniqueName("dims");
        Settings.Database small = services.database(name);
        Settings.Database other = new Settings.Database(small.jdbcUrl(), small.user(), small.password(),
                new TableSpec(name, 1000, DistanceMetric.L2, 16, 64), null);
        try (Connection c = PostgresConnections.open(small)) {
            new VectorTableSchema(new VectorTableSql(small.table())).ensure(c);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new VectorTableSchema(new VectorTableSql(other.table())).ensure(c));
            assertEquals("table " + name + " stores vector(512) but the configured dimension needs vector(1000): "
                    + "use another --table or re-create it", e.getMessage());
        }
    }

    @Test
    void refusesVectorsMadeWithAnotherDescriptor() throws Exception {
        Settings.Database db = services.database(TestServices.uniqueName("tags"));
        VectorTableSql sql = new VectorTableSql(db.table());
        VectorTableSchema schema = new VectorTableSchema(sql);
        DescriptorTag gem = new DescriptorTag("squeezenet1_0-features", "gem-p3", 112, null);
        DescriptorTag whitened = new DescriptorTag("squeezenet1_0-features", "gem-p3", 112, 2);
        try (Connection c = PostgresConnections.open(db)) {
            schema.ensure(c);
            schema.requireDescriptor(c, whitened); // an empty table takes any descriptor
            try (PreparedStatement ps = c.prepareStatement(sql.upsertOrDelete())) {
                new VectorRecordStatementBuilder(db.duplicateDistance()).accept(ps, new VectorRecord(1, false, 1, "a", new float[512], null,
                        gem, null));
                ps.execute();
            }
            assertEquals(gem, schema.newestDescriptor(c));
            schema.requireDescriptor(c, gem);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> schema.requireDescriptor(c, whitened));
            assertTrue(e.getMessage().contains("holds vectors made with squeezenet1_0-features/gem-p3@112 but the "
                    + "configured descriptor is squeezenet1_0-features/gem-p3@112+projection 2"), e.getMessage());
        }
    }

    @Test
    void makesHalfvecTablesAndRefusesATableOfTheOtherStorageType() throws Exception {
        String name = TestServices.uniqueName("halves");
        Settings.Database vectors = services.database(name);
        TableSpec halves = vectors.table().withVectorType(VectorType.HALFVEC);
        try (Connection c = PostgresConnections.open(vectors)) {
            new VectorTableSchema(new VectorTableSql(vectors.table())).ensure(c);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new VectorTableSchema(new VectorTableSql(halves)).ensure(c));
            assertEquals("table " + name + " stores vector(512) but the configured --vector-type needs halfvec(512): "
                    + "use another --table or re-create it", e.getMessage());

            TableSpec made = halves.withName(TestServices.uniqueName("halves"));
            new VectorTableSchema(new VectorTableSql(made)).ensure(c);
            new VectorTableSchema(new VectorTableSql(made)).ensure(c);
            String hnsw = indexDefinition(c, made.indexName());
            assertTrue(hnsw.contains("USING hnsw (image_vector halfvec_cosine_ops)"), hnsw);
            IllegalStateException back = assertThrows(IllegalStateException.class,
                    () -> new VectorTableSchema(new VectorTableSql(made.withVectorType(VectorType.VECTOR))).ensure(c));
            assertTrue(back.getMessage().contains("stores halfvec(512) but the configured --vector-type needs vector(512)"),
                    back.getMessage());
            IllegalStateException dims = assertThrows(IllegalStateException.class,
                    () -> new VectorTableSchema(new VectorTableSql(made.withDimension(256))).ensure(c));
            assertTrue(dims.getMessage().contains("stores halfvec(512) but the configured dimension needs halfvec(256)"),
                    dims.getMessage());
        }
    }
}
