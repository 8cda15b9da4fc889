package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.image.ImageLoader;
import org.imagesearch.image.ImageRejectedException;
import org.imagesearch.image.LoaderLimits;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each way of sending a folder's images: what the message carries, and that the job's loader, with the limits the
 * benchmark gives it, reads exactly the file's bytes from it, which the configured limits alone refuse.
 */
class BenchImagesTest {
    private static final int FILES = 3;
    private static final LoaderLimits CONFIGURED = TestSettings.parse().loader();

    @TempDir
    Path folder;

    @BeforeEach
    void writeImages() throws Exception {
        for (int i = 0; i < FILES; i++) {
            BufferedImage image = new BufferedImage(4 + i, 3, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, 0x102030 * (i + 1));
            Files.write(folder.resolve("image" + i + ".png"), TestImages.encode(image, "png"));
        }
    }

    @ParameterizedTest
    @EnumSource(ImageDelivery.class)
    void theJobReadsEveryImageWithTheLimitsGivenAndOnlyWithThem(ImageDelivery delivery) throws Exception {
        try (BenchImages images = BenchImages.open(folder, 7, delivery)) {
            ImageLoader loader = new ImageLoader(images.loader(CONFIGURED));
            for (int position = 0; position < FILES; position++) {
                DatasetImage message = images.message(position);
                byte[] file = Files.readAllBytes(images.files(FILES).get(position));
                assertArrayEquals(file, images.bytes(position));
                if (delivery == ImageDelivery.INLINE) {
                    assertArrayEquals(file, message.bytes());
                    assertNull(message.uri());
                } else {
                    assertNull(message.bytes());
                    assertArrayEquals(file, loader.load(message.uri()));
                    assertThrows(ImageRejectedException.class, () -> new ImageLoader(CONFIGURED).load(message.uri()));
                }
            }
        }
    }

    @Test
    void messagesCarryFileAndLoopbackHttpUris() throws Exception {
        try (BenchImages files = BenchImages.open(folder, 7, ImageDelivery.FILE);
             BenchImages http = BenchImages.open(folder, 7, ImageDelivery.HTTP)) {
            assertEquals(files.files(FILES).get(1).toUri().toString(), files.message(1).uri());
            assertTrue(http.message(1).uri().matches("http://127\\.0\\.0\\.1:[0-9]+/images/1"), http.message(1).uri());
            assertEquals(List.of(folder.toRealPath().toString()), files.loader(CONFIGURED).fileRoots());
            assertEquals(List.of("127.0.0.1/32"), http.loader(CONFIGURED).allowNetworks());
        }
    }

    @Test
    void onlyTheHttpServerTakesADelay() {
        for (ImageDelivery delivery : List.of(ImageDelivery.FILE, ImageDelivery.INLINE)) {
            assertThrows(IllegalArgumentException.class, () -> BenchImages.open(folder, 7, delivery, Duration.ofMillis(5)));
        }
        assertThrows(IllegalArgumentException.class,
                () -> BenchImages.open(folder, 7, ImageDelivery.HTTP, Duration.ofMillis(-1)));
    }

    @Test
    void fileUrisAndThePythonLoopNeedAFolder() throws Exception {
        Path cifar = Settings.defaultDataset();
        IllegalArgumentException noFiles = assertThrows(IllegalArgumentException.class,
                () -> BenchImages.open(cifar, 7, ImageDelivery.FILE));
        assertTrue(noFiles.getMessage().contains("--inline or --via-http"), noFiles.getMessage());
        try (BenchImages inline = BenchImages.open(cifar, 7, ImageDelivery.INLINE)) {
            IllegalArgumentException noPython = assertThrows(IllegalArgumentException.class, () -> inline.files(1));
            assertTrue(noPython.getMessage().startsWith("--compare-python needs a folder"), noPython.getMessage());
        }
    }

    @Test
    void aFolderGoesAsFileUrisUnlessToldOtherwiseAndOtherDataSetsInline() {
        assertEquals(ImageDelivery.FILE, ImageDelivery.of(false, false, true));
        assertEquals(ImageDelivery.INLINE, ImageDelivery.of(true, false, true));
        assertEquals(ImageDelivery.HTTP, ImageDelivery.of(false, true, true));
        assertEquals(ImageDelivery.INLINE, ImageDelivery.of(false, false, false));
        assertEquals(ImageDelivery.HTTP, ImageDelivery.of(false, true, false));
        assertThrows(IllegalArgumentException.class, () -> ImageDelivery.of(true, true, true));
    }
}
