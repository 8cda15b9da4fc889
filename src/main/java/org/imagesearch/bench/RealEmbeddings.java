package org.imagesearch.bench;

import java.util.Arrays;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.embed.ImageEmbedder;
import org.imagesearch.embed.ModelSpec;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.RgbImage;
import org.imagesearch.image.Thumbnails;

/**
 * The first images of a data set embedded with the real model, as ingestion does (the same decoder target and
 * descriptor), with their labels and thumbnails: the centres {@link NoisyEmbeddings} varies.
 */
public record RealEmbeddings(float[][] vectors, String[] labels, byte[][] thumbnails) {
    public static RealEmbeddings of(ModelSpec model, long maxPixels, Dataset dataset, int count) throws Exception {
        int n = Math.min(count, dataset.size());
        if (n < 1) {
            throw new IllegalArgumentException("--base-images must be at least 1 and the data set not empty");
        }
        float[][] vectors = new float[n][];
        String[] labels = new String[n];
        byte[][] thumbnails = new byte[n][];
        ImageDecoder decoder = new ImageDecoder(maxPixels, model.decodeTarget());
        try (ImageEmbedder embedder = ImageEmbedder.load(model)) {
            for (int i = 0; i < n; i++) {
                DatasetImage image = dataset.get(i);
                RgbImage rgb = decoder.decode(image.bytes());
                vectors[i] = embedder.embed(rgb);
                labels[i] = image.label();
                thumbnails[i] = Thumbnails.of(rgb);
            }
        }
        return new RealEmbeddings(vectors, labels, thumbnails);
    }

    public int size() {
        return vectors.length;
    }

    /** The mean thumbnail size: what each synthetic row carries, as its base image's thumbnail. */
    public double meanThumbnailBytes() {
        return Arrays.stream(thumbnails).mapToInt(t -> t.length).average().orElse(0);
    }
}
