package org.imagesearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.embed.ImageEmbedder;
import org.imagesearch.eval.CopyEdit;
import org.imagesearch.eval.CopyEdits;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.SinkWrites;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestModels;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Near-duplicates judged by {@link VectorTableSql#upsertOrDelete()} on a real PostgreSQL with the real default model's
 * vectors: 200 CIFAR-10 originals are written, then their JPEG q35, mirrored and 90%-cropped copies, in sink-sized
 * batches. Prints the share of copies marked as copies of their original and the distinct images marked wrongly at the
 * default distance; a deleted root hands its group on; the batch self-join finds the groups of a table written
 * without the check.
 */
@ExtendWith(RealServices.class)
class NearDuplicatesIT {
    private static final int ORIGINALS = 200;
    private static final long COPY_IDS = 10_000;
    /** The light edits of the labelled set, those the default distance is meant to catch nearly always. */
    private static final List<CopyEdit> EDITS = List.of(CopyEdit.JPEG_Q35, CopyEdit.MIRROR, CopyEdit.CROP_90);

    private final TestServices services;

    NearDuplicatesIT(TestServices services) {
        this.services = services;
    }

    @Test
    void copiesJoinTheirOriginalsGroupAndTheBatchSelfJoinFindsTheSameGroups() throws Exception {
        Settings settings = TestSettings.parse();
        Settings.Database db = services.database(TestServices.uniqueName("dups"));
        List<VectorRecord> originals = new ArrayList<>();
        List<VectorRecord> copies = new ArrayList<>();
        embed(settings, originals, copies);
        write(db, db.duplicateDistance(), originals);
        write(db, db.duplicateDistance(), copies);

        Map<Long, Long> marked = duplicateOf(db);
        int copiesOfTheirOriginal = 0;
        for (VectorRecord copy : copies) {
            if (Long.valueOf(originalOf(copy.id())).equals(marked.get(copy.id()))) {
                copiesOfTheirOriginal++;
            }
        }
        Set<Long> wrong = new HashSet<>();
        for (Map.Entry<Long, Long> entry : marked.entrySet()) {
            long id = entry.getKey();
            long expected = id >= COPY_IDS ? originalOf(id) : -1;
            if (entry.getValue() != null && entry.getValue() != expected) {
                wrong.add(id < COPY_IDS ? id : originalOf(id));
            }
        }
        System.out.printf("{\"duplicate_distance\":%s,\"originals\":%d,\"copies\":%d,\"copies_marked_of_original\":%d,"
                        + "\"share\":%.3f,\"distinct_images_wrongly_grouped\":%d}%n", db.duplicateDistance(),
                ORIGINALS, copies.size(), copiesOfTheirOriginal, copiesOfTheirOriginal / (double) copies.size(),
                wrong.size());
        assertTrue(copiesOfTheirOriginal >= copies.size() * 0.8, copiesOfTheirOriginal + " of " + copies.size());
        assertTrue(wrong.size() <= ORIGINALS / 20, wrong.size() + " distinct images grouped wrongly");

        DuplicateGroups groups = new DuplicateGroups(db.table());
        Set<Set<Long>> ingested = groupSets(db, groups);
        Settings.Database unchecked = services.database(TestServices.uniqueName("dups_off"));
        write(unchecked, null, originals);
        write(unchecked, null, copies);
        assertTrue(groupSets(unchecked, groups(unchecked)).isEmpty(), "nothing is marked with the check off");
        try (Connection c = PostgresConnections.open(unchecked)) {
            groups(unchecked).rebuild(c, db.duplicateDistance());
        }
        Set<Set<Long>> rebuilt = groupSets(unchecked, groups(unchecked));
        Set<Set<Long>> same = new HashSet<>(rebuilt);
        same.retainAll(ingested);
        System.out.printf("{\"ingested_groups\":%d,\"self_join_groups\":%d,\"identical\":%d}%n", ingested.size(),
                rebuilt.size(), same.size());
        assertTrue(same.size() >= ingested.size() * 0.9, same.size() + " of " + ingested.size() + " groups agree");

        DuplicateGroup first;
        try (Connection c = PostgresConnections.open(db)) {
            first = groups.list(c, 4, 1000).stream().filter(g -> g.root() < COPY_IDS).findFirst().orElseThrow();
        }
        write(db, db.duplicateDistance(), List.of(new VectorRecord(first.root(), true, 5, null, null, null,
                originals.get(0).tag(), null)));
        try (Connection c = PostgresConnections.open(db)) {
            long heir = first.members().get(0);
            DuplicateGroup after = groups.of(c, heir);
            assertEquals(heir, after.root(), "the earliest member is the new root");
            assertEquals(first.members().subList(1, first.members().size()), after.members());
            assertNull(duplicateOf(db).get(heir));
        }
    }

    private DuplicateGroups groups(Settings.Database db) {
        return new DuplicateGroups(db.table());
    }

    private static long originalOf(long copyId) {
        return (copyId - COPY_IDS) / EDITS.size();
    }

    private static void embed(Settings settings, List<VectorRecord> originals, List<VectorRecord> copies)
            throws Exception {
        ImageDecoder decoder = new ImageDecoder(settings.loader().maxPixels(), settings.modelSpec().decodeTarget());
        List<DatasetImage> images = TestImages.cifar(ORIGINALS);
        try (ImageEmbedder embedder = TestModels.embedder(settings)) {
            for (int i = 0; i < images.size(); i++) {
                byte[] bytes = images.get(i).bytes();
                originals.add(record(settings, i, embedder.embed(decoder.decode(bytes))));
                for (int e = 0; e < EDITS.size(); e++) {
                    long id = COPY_IDS + (long) i * EDITS.size() + e;
                    byte[] copy = new CopyEdits(Dataset.DEFAULT_SEED).copyOf(bytes, i, EDITS.get(e));
                    copies.add(record(settings, id, embedder.embed(decoder.decode(copy))));
                }
            }
        }
    }

    private static VectorRecord record(Settings settings, long id, float[] vector) {
        return new VectorRecord(id, false, 1, "x", vector, null, settings.model().tag(), null);
    }

    /** In batches of 100, the sink's default. */
    private static void write(Settings.Database db, Double duplicateDistance, List<VectorRecord> records)
            throws Exception {
        try (Connection c = PostgresConnections.open(db)) {
            new VectorTableSchema(new VectorTableSql(db.table())).ensure(c);
            SinkWrites.apply(c, new VectorTableSql(db.table()), duplicateDistance, records, 100);
        }
    }

    private static Map<Long, Long> duplicateOf(Settings.Database db) throws Exception {
        Map<Long, Long> marked = new HashMap<>();
        try (Connection c = PostgresConnections.open(db);
             PreparedStatement ps = c.prepareStatement("SELECT id, duplicate_of FROM " + db.table().name());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                marked.put(rs.getLong(1), rs.getObject(2, Long.class));
            }
        }
        return marked;
    }

    private static Set<Set<Long>> groupSets(Settings.Database db, DuplicateGroups groups) throws Exception {
        Set<Set<Long>> sets = new HashSet<>();
        try (Connection c = PostgresConnections.open(db)) {
            for (DuplicateGroup group : groups.list(c, 2, 100_000)) {
                Set<Long> ids = new HashSet<>(group.members());
                ids.add(group.root());
                sets.add(ids);
            }
        }
        return sets;
    }
}
