package org.imagesearch.eval;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The labelled edit set: every {@link CopyEdit} of an original, made the same for the same seed, original number and
 * edit, so two runs (or two descriptors) are measured on the same copies.
 */
public final class CopyEdits {
    private final long seed;

    public CopyEdits(long seed) {
        this.seed = seed;
    }

    public static List<CopyEdit> all() {
        return List.of(CopyEdit.values());
    }

    /** The {@code edit} copy of original number {@code index} (any format ImageIO reads), encoded. */
    public byte[] copyOf(byte[] original, int index, CopyEdit edit) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(original));
        if (decoded == null) {
            throw new IOException("original " + index + " is not an image ImageIO reads");
        }
        // one stream per (original, edit): adding an edit or an original leaves the other copies as they were
        Random random = new Random(Objects.hash(seed, index, edit.name()));
        return edit.apply(ImageEdits.rgb(decoded), random);
    }
}
