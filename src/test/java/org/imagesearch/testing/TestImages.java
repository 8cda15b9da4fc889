package org.imagesearch.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

    public static BufferedImage decode(byte[] encoded) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(encoded));
    }

    /** A file of {@code src/test/resources}, e.g. "images/cmyk.jpg". */
    public static byte[] fixture(String name) throws IOException {
        try (InputStream in = TestImages.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
