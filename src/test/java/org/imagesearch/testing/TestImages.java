package org.imagesearch.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.CifarBinaryDataset;
import org.imagesearch.dataset.Dataset;
import org.imagesearch.dataset.DatasetImage;

/** Real CIFAR-10 images from {@code ../shared/datasets}, and encoders for synthetic edge cases. */
public final class TestImages {
    private TestImages() {}

    /** The first {@code n} images of the seeded shuffled CIFAR-10 training set. */
    public static List<DatasetImage> cifar(int n) throws IOException {
        try (Dataset dataset = CifarBinaryDataset.open(Settings.defaultDataset(), Dataset.DEFAULT_SEED)) {
            List<DatasetImage> images = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                images.add(dataset.get(i));
            }
            return images;
        }
    }

    public static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }
}
