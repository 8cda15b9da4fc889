package org.imagesearch.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The edit set on real CIFAR-10 images: reproducible, of the expected sizes, and every edit a real change. */
class CopyEditsTest {
    private static List<DatasetImage> originals;

    @BeforeAll
    static void images() throws Exception {
        originals = TestImages.cifar(3);
    }

    @Test
    void theSameSeedMakesTheSameCopiesAndAnotherSeedMovesTheCrops() throws Exception {
        CopyEdits a = new CopyEdits(7);
        CopyEdits b = new CopyEdits(7);
        CopyEdits other = new CopyEdits(8);
        int moved = 0;
        for (int i = 0; i < originals.size(); i++) {
            byte[] original = originals.get(i).bytes();
            for (CopyEdit edit : CopyEdits.all()) {
                assertArrayEquals(a.copyOf(original, i, edit), b.copyOf(original, i, edit), edit.label());
                if (edit.crop() < 1 && !Arrays.equals(a.copyOf(original, i, edit), other.copyOf(original, i, edit))) {
                    moved++;
                }
            }
        }
        assertTrue(moved > 0, "a seed places the crops");
    }

    @Test
    void cropsKeepTheirShareOfEachSideRotationsCutTheCornersAndTheRestKeepTheSize() throws Exception {
        BufferedImage original = TestImages.decode(originals.get(0).bytes());
        for (CopyEdit edit : CopyEdits.all()) {
            BufferedImage copy = TestImages.decode(new CopyEdits(1).copyOf(originals.get(0).bytes(), 0, edit));
            if (edit.crop() < 1) {
                assertEquals(Math.round(original.getWidth() * edit.crop()), copy.getWidth(), edit.label());
                assertEquals(Math.round(original.getHeight() * edit.crop()), copy.getHeight(), edit.label());
            } else if (edit.name().startsWith("ROTATE")) {
                // 32 / (cos 10° + sin 10°) = 27.6, 32 / (cos 5° + sin 5°) = 29.5
                int expected = edit.name().contains("10") ? 27 : 29;
                assertEquals(expected, copy.getWidth(), edit.label());
                assertEquals(expected, copy.getHeight(), edit.label());
            } else {
                assertEquals(original.getWidth(), copy.getWidth(), edit.label());
                assertEquals(original.getHeight(), copy.getHeight(), edit.label());
            }
        }
    }

    @Test
    void everyEditChangesThePixels() throws Exception {
        for (DatasetImage image : originals) {
            BufferedImage original = TestImages.decode(image.bytes());
            for (CopyEdit edit : CopyEdits.all()) {
                BufferedImage copy = TestImages.decode(new CopyEdits(1).copyOf(image.bytes(), 0, edit));
                assertFalse(samePixels(original, copy), edit.label() + " left the image as it was");
            }
        }
    }

    @Test
    void labelsAreTheNamesInReports() {
        assertEquals("crop-80-jpeg-35", CopyEdit.CROP_80_JPEG_35.label());
        assertEquals(2, CopyEdits.all().stream().filter(e -> e.crop() == 0.8).count(), "crop-80 and crop-80-jpeg-35");
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if ((a.getRGB(x, y) & 0xFFFFFF) != (b.getRGB(x, y) & 0xFFFFFF)) {
                    return false;
                }
            }
        }
        return true;
    }
}
