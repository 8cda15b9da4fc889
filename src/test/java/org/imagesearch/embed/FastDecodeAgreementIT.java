package org.imagesearch.embed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imagesearch.bench.Percentiles;
import org.imagesearch.config.Settings;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.RgbImage;
import org.imagesearch.testing.TestModels;
import org.imagesearch.testing.TestPhotos;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.Test;

/**
 * The fast JPEG path (decoded small in the DCT domain) against the exact one (every pixel, through ImageIO)
 * on real photographs: the default descriptor's vectors must agree, cosine >= 0.99 for every photo.
 */
class FastDecodeAgreementIT {
    @Test
    void fastAndExactDecodingGiveTheSameVectorsForRealPhotographs() throws Exception {
        Settings settings = TestSettings.parse();
        long maxPixels = settings.loader().maxPixels();
        ImageDecoder exact = new ImageDecoder(maxPixels);
        ImageDecoder fast = new ImageDecoder(maxPixels, settings.modelSpec().decodeTarget());
        List<Path> photos = TestPhotos.all();
        double[] cosines = new double[photos.size()];
        try (ImageEmbedder embedder = TestModels.embedder(settings)) {
            for (int i = 0; i < photos.size(); i++) {
                byte[] bytes = Files.readAllBytes(photos.get(i));
                RgbImage full = exact.decode(bytes);
                RgbImage reduced = fast.decode(bytes);
                assertTrue(reduced.width() < full.width(), photos.get(i) + " was not decoded reduced");
                cosines[i] = cosine(embedder.embed(full), embedder.embed(reduced));
            }
        }
        Percentiles distribution = new Percentiles(cosines);
        System.out.printf("{\"photos\":%d,\"cosine_min\":%.5f,\"cosine_p1\":%.5f,\"cosine_p5\":%.5f,"
                        + "\"cosine_median\":%.5f}%n", photos.size(), distribution.at(0), distribution.at(1),
                distribution.at(5), distribution.at(50));
        assertTrue(distribution.at(0) >= 0.99, "fast and exact vectors differ: min cosine " + distribution.at(0));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return dot / Math.sqrt(aa * bb);
    }
}
