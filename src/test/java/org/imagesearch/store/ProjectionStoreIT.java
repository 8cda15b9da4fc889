package org.imagesearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.Map;
import org.imagesearch.config.ProjectionChoice;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.DescriptorTag;
import org.imagesearch.embed.Projection;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Projections stored, numbered and loaded back from a real PostgreSQL. */
@ExtendWith(RealServices.class)
class ProjectionStoreIT {
    private final TestServices services;

    ProjectionStoreIT(TestServices services) {
        this.services = services;
    }

    private static Projection projection(float scale) {
        return new Projection(0, 3, 2, new float[] {0.5f, 0, -0.25f}, new float[] {scale, 0, 0, 0, scale, 1e-7f});
    }

    @Test
    void eachSaveIsTheNextVersionOfItsDescriptorAndLoadsBackExactly() throws Exception {
        // a source of its own, so other tests' projections do not share its numbering
        DescriptorTag source = new DescriptorTag(TestServices.uniqueName("model"), "gem-p3", 112, null);
        DescriptorTag otherSize = new DescriptorTag(source.model(), "gem-p3", 224, null);
        ProjectionStore.Provenance provenance = new ProjectionStore.Provenance("t", 100, 0.1);
        try (Connection c = PostgresConnections.open(services.database("unused"))) {
            assertNull(ProjectionStore.load(c, source, null));
            Projection first = ProjectionStore.save(c, source, projection(1), provenance);
            Projection second = ProjectionStore.save(c, source, projection(2), provenance);
            Projection elsewhere = ProjectionStore.save(c, otherSize, projection(3), provenance);
            assertEquals(1, first.version());
            assertEquals(2, second.version());
            assertEquals(1, elsewhere.version());
            assertEquals(second, ProjectionStore.load(c, source, null));
            assertEquals(first, ProjectionStore.load(c, source, 1));
            assertEquals(1e-7f, ProjectionStore.load(c, source, 1).matrix()[5]);
            assertNull(ProjectionStore.load(c, source, 3));
        }
    }

    @Test
    void resolvingSettingsLoadsTheChosenVersionAndSizesTheTable() throws Exception {
        Settings.Database db = services.database(TestServices.uniqueName("resolve"));
        String model = TestServices.uniqueName("model");
        Settings latest = settings(db, model);
        DescriptorTag source = latest.model().tag();
        try (Connection c = PostgresConnections.open(db)) {
            IllegalStateException none = assertThrows(IllegalStateException.class,
                    () -> SettingsResolver.resolve(latest, ProjectionChoice.LATEST));
            assertTrue(none.getMessage().contains("no projection is stored for " + source.describe()),
                    none.getMessage());
            ProjectionStore.save(c, source, projection(1), new ProjectionStore.Provenance("t", 10, 0));
            ProjectionStore.save(c, source, projection(2), new ProjectionStore.Provenance("t", 10, 0));
        }
        Settings resolved = SettingsResolver.resolve(latest, ProjectionChoice.LATEST);
        assertEquals(2, resolved.model().descriptor().projection().version());
        assertEquals(2, resolved.database().table().dimension());
        assertEquals(new DescriptorTag(model, "gem-p3", 112, 2), resolved.model().tag());
        assertEquals(1, SettingsResolver.resolve(settings(db, model), ProjectionChoice.parse("1")).model().descriptor().projection().version());
        assertNull(SettingsResolver.resolve(settings(db, model), ProjectionChoice.parse("none")).model().descriptor().projection());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> SettingsResolver.resolve(settings(db, model), ProjectionChoice.parse("7")));
        assertTrue(missing.getMessage().contains("no projection version 7"), missing.getMessage());
    }

    private static Settings settings(Settings.Database db, String model) {
        return TestSettings.parse(Map.of(), "--model-name", model).withDatabase(db);
    }
}
