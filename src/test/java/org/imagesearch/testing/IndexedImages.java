package org.imagesearch.testing;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.embed.ImageEmbedder;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.RgbImage;
import org.imagesearch.image.Thumbnails;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.VectorRecord;
import org.imagesearch.store.VectorTableSchema;
import org.imagesearch.store.VectorTableSql;

/**
 * Fills a fresh table with real images and their real model vectors, written with the ingest job's own
 * statement: a quick stand-in for running the pipeline where a test is about the query side.
 */
public final class IndexedImages {
    private IndexedImages() {}

    /**
     * Row i holds images.get(i), embedded with the settings' model and descriptor, with metadata
     * {"record": i, "parity": "even"|"odd"}.
     */
    public static void write(Settings settings, List<DatasetImage> images) throws Exception {
        write(settings, images, i -> "{\"record\": " + i + ", \"parity\": \"" + (i % 2 == 0 ? "even" : "odd") + "\"}");
    }

    /** Row i holds images.get(i) with {@code metadata.apply(i)}, bypassing the ingest job's checks (as old rows may). */
    public static void write(Settings settings, List<DatasetImage> images, IntFunction<String> metadata) throws Exception {
        Settings.Database db = settings.database();
        VectorTableSql sql = new VectorTableSql(db.table());
        ImageDecoder decoder = new ImageDecoder(Long.MAX_VALUE);
        try (Connection c = PostgresConnections.open(db);
             ImageEmbedder model = TestModels.embedder(settings)) {
            new VectorTableSchema(sql).ensure(c);
            List<VectorRecord> records = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                RgbImage image = decoder.decode(images.get(i).bytes());
                records.add(new VectorRecord(i, false, 0, images.get(i).label(), model.embed(image), metadata.apply(i),
                        settings.model().tag(), Thumbnails.of(image)));
            }
            SinkWrites.apply(c, sql, db.duplicateDistance(), records, records.size());
        }
    }
}
