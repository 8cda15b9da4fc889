package org.imagesearch.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.imagesearch.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder(1_000_000);

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no ImageIO writer for " + format);
        return out.toByteArray();
    }

    /** A colourful RGB image whose pixel (x, y) is a fixed function of x and y. */
    private static BufferedImage patterned(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgbAt(x, y));
            }
        }
        return image;
    }

    /** A test resource's bytes, e.g. {@code "preprocessing/formula_500x333.png"}. */
    static byte[] resource(String name) throws IOException {
        return TestImages.fixture(name);
    }

    private static int rgbAt(int x, int y) {
        int r = (x * 7 + y * 3) % 256;
        int g = (x * x + y) % 256;
        int b = (x * y * 5) % 256;
        return (r << 16) | (g << 8) | b;
    }

    private static void assertPixel(RgbImage image, int x, int y, int r, int g, int b) {
        assertEquals(r, image.sample(x, y, 0), "red at " + x + "," + y);
        assertEquals(g, image.sample(x, y, 1), "green at " + x + "," + y);
        assertEquals(b, image.sample(x, y, 2), "blue at " + x + "," + y);
    }

    private void assertRejectedAtDecode(byte[] bytes, String expectedInReason) {
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> decoder.decode(bytes));
        assertEquals(ImageRejectedException.Step.DECODE, e.step());
        assertTrue(e.getMessage().contains(expectedInReason),
                () -> "reason '" + e.getMessage() + "' should mention '" + expectedInReason + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg", "bmp", "gif"})
    void decodesCommonFormatsToRgbOfTheRightSize(String format) throws Exception {
        BufferedImage source = new BufferedImage(37, 23, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = source.createGraphics();
        g.setColor(new Color(200, 40, 90));
        g.fillRect(0, 0, 37, 23);
        g.dispose();

        RgbImage image = decoder.decode(encode(source, format));

        assertEquals(37, image.width());
        assertEquals(23, image.height());
        assertEquals(37 * 23 * 3, image.rgb().length);
        // Lossy JPEG and GIF's palette may shift a flat colour slightly, but not far.
        assertTrue(Math.abs(image.sample(18, 11, 0) - 200) <= 8, "red " + image.sample(18, 11, 0));
        assertTrue(Math.abs(image.sample(18, 11, 1) - 40) <= 8, "green " + image.sample(18, 11, 1));
        assertTrue(Math.abs(image.sample(18, 11, 2) - 90) <= 8, "blue " + image.sample(18, 11, 2));
    }

    @Test
    void pngRgbPixelsRoundTripExactly() throws Exception {
        BufferedImage source = patterned(64, 48, BufferedImage.TYPE_INT_RGB);

        RgbImage image = decoder.decode(encode(source, "png"));

        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                int rgb = rgbAt(x, y);
                assertPixel(image, x, y, (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
            }
        }
    }

    @Test
    void bmpRgbPixelsRoundTripExactly() throws Exception {
        BufferedImage source = patterned(17, 9, BufferedImage.TYPE_3BYTE_BGR);

        RgbImage image = decoder.decode(encode(source, "bmp"));

        int rgb = rgbAt(13, 7);
        assertPixel(image, 13, 7, (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    @Test
    void greyPngKeepsItsStoredValuesWithoutGammaShift() throws Exception {
        BufferedImage source = new BufferedImage(256, 2, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = source.getRaster();
        for (int x = 0; x < 256; x++) {
            raster.setSample(x, 0, 0, x);
            raster.setSample(x, 1, 0, 255 - x);
        }

        RgbImage image = decoder.decode(encode(source, "png"));

        for (int x = 0; x < 256; x++) {
            assertPixel(image, x, 0, x, x, x);
            assertPixel(image, x, 1, 255 - x, 255 - x, 255 - x);
        }
    }


    @Test
    void greyWithAlphaPngKeepsItsStoredValues() throws Exception {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(256, 1);
        for (int x = 0; x < 256; x++) {
            raster.setSample(x, 0, 0, x);
            raster.setSample(x, 0, 1, 255);
        }
        BufferedImage source = new BufferedImage(model, raster, false, null);

        RgbImage image = decoder.decode(encode(source, "png"));

        for (int x = 0; x < 256; x++) {
            assertPixel(image, x, 0, x, x, x);
        }
    }

    @Test
    void argbPngDropsAlphaAndKeepsColour() throws Exception {
        BufferedImage source = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        source.setRGB(0, 0, 0x80_10_20_30); // half transparent
        source.setRGB(1, 0, 0x00_C8_64_32); // fully transparent
        source.setRGB(2, 0, 0xFF_01_02_03); // opaque

        RgbImage image = decoder.decode(encode(source, "png"));

        assertEquals(4 * 4 * 3, image.rgb().length);
        assertPixel(image, 0, 0, 0x10, 0x20, 0x30);
        assertPixel(image, 1, 0, 0xC8, 0x64, 0x32);
        assertPixel(image, 2, 0, 0x01, 0x02, 0x03);
    }

    @Test
    void garbageBytesAreNotASupportedImageFormat() {
        assertRejectedAtDecode("this is not an image".getBytes(StandardCharsets.UTF_8), "not a supported image format");
        assertRejectedAtDecode(new byte[] {0}, "not a supported image format");
    }

    @Test
    void truncatedPngIsRejectedAtDecode() throws Exception {
        byte[] png = encode(patterned(64, 64, BufferedImage.TYPE_INT_RGB), "png");
        byte[] truncated = Arrays.copyOf(png, png.length / 2);

        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> decoder.decode(truncated));
        assertEquals(ImageRejectedException.Step.DECODE, e.step());
    }

    @Test
    void truncatedJpegIsRejectedInsteadOfDecodedWithAGreyLowerHalf() throws Exception {
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(resource("preprocessing/formula_500x333.png")));
        byte[] jpeg = encode(picture, "jpg");
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);

        assertRejectedAtDecode(truncated, "image data is damaged or truncated");
    }

    /** The mean over all pixels of |a - b| in channel {@code c}. */
    private static double meanAbsoluteDifference(RgbImage a, RgbImage b, int c) {
        assertEquals(a.width(), b.width(), "width");
        assertEquals(a.height(), b.height(), "height");
        long sum = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                sum += Math.abs(a.sample(x, y, c) - b.sample(x, y, c));
            }
        }
        return (double) sum / (a.width() * a.height());
    }

    private void assertCloseTo(String source, String fixture, double tolerance) throws Exception {
        RgbImage expected = decoder.decode(resource("images/" + source));
        RgbImage image = decoder.decode(resource("images/" + fixture));
        for (int c = 0; c < 3; c++) {
            double difference = meanAbsoluteDifference(expected, image, c);
            assertTrue(difference < tolerance, fixture + ": channel " + c + " differs by " + difference + " on average");
        }
    }

    @Test
    void cmykJpegDecodesToTheColoursOfItsRgbSource() throws Exception {
        assertCloseTo("source.png", "cmyk.jpg", 3);
    }

    /** The JPEG reader that ships with the JDK, whatever other readers are registered. */
    private static ImageReader jdkJpegReader() {
        for (Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg"); readers.hasNext(); ) {
            ImageReader reader = readers.next();
            if (reader.getClass().getName().startsWith("com.sun.imageio.")) {
                return reader;
            }
            reader.dispose();
        }
        throw new AssertionError("the JDK's JPEG reader is not registered");
    }

    @Test
    void losslessWebpDecodesToExactlyItsSource() throws Exception {
        assertArrayEquals(decoder.decode(resource("images/source.png")).rgb(),
                decoder.decode(resource("images/lossless.webp")).rgb());
    }

    @Test
    void lossyWebpDecodesToTheColoursOfItsSource() throws Exception {
        assertCloseTo("blocks.png", "lossy.webp", 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lossy.webp", "lossless.webp"})
    void truncatedWebpIsRejectedAsDamaged(String fixture) throws Exception {
        byte[] webp = resource("images/" + fixture);

        assertRejectedAtDecode(Arrays.copyOf(webp, webp.length / 2), "image data is damaged or truncated");
        assertRejectedAtDecode(Arrays.copyOf(webp, webp.length - 1), "image data is damaged or truncated");
    }

    /** JPEGs of the formula picture as the JDK writes them (colour 4:2:0, grey, progressive), or Pillow's 4:4:4. */
    private static byte[] ordinaryJpeg(String kind) throws IOException {
        if (kind.equals("pillow")) {
            return resource("images/upright.jpg");
        }
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(resource("preprocessing/formula_500x333.png")));
        if (kind.equals("grey")) {
            BufferedImage grey = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            grey.createGraphics().drawImage(picture, 0, 0, null);
            picture = grey;
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (kind.equals("progressive")) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(picture, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"colour", "grey", "progressive", "pillow"})
    void ordinaryJpegDecodesToTheSamePixelsAsTheJdksOwnReader(String kind) throws Exception {
        byte[] jpeg = ordinaryJpeg(kind);
        ImageReader jdkReader = jdkJpegReader();

        RgbImage expected;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            jdkReader.setInput(in);
            expected = ImageDecoder.toRgb(jdkReader.read(0));
        } finally {
            jdkReader.dispose();
        }

        assertArrayEquals(expected.rgb(), decoder.decode(jpeg).rgb());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
    void jpegStoredTurnedOrMirroredDecodesUprightByItsExifOrientation(int orientation) throws Exception {
        RgbImage upright = decoder.decode(resource("images/upright.jpg"));

        RgbImage image = decoder.decode(resource("images/orientation-" + orientation + ".jpg"));

        assertEquals(upright.width(), image.width(), "width");
        assertEquals(upright.height(), image.height(), "height");
        assertArrayEquals(upright.rgb(), image.rgb());
    }

    @Test
    void pngJustAfterItsHeaderIsRejectedAtDecode() throws Exception {
        byte[] png = encode(patterned(8, 8, BufferedImage.TYPE_INT_RGB), "png");
        byte[] headerOnly = Arrays.copyOf(png, 8 + 25); // signature + IHDR chunk, no pixel data

        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> decoder.decode(headerOnly));
        assertEquals(ImageRejectedException.Step.DECODE, e.step());
    }

    @Test
    void imageWithMorePixelsThanTheLimitIsRejectedFromItsHeader() throws Exception {
        // 4000 x 4000 solid black compresses to a few kB but would need 48 MB decoded.
        BufferedImage big = new BufferedImage(4000, 4000, BufferedImage.TYPE_BYTE_GRAY);
        byte[] png = encode(big, "png");
        assertTrue(png.length < 100_000, "fixture is " + png.length + " bytes");

        assertRejectedAtDecode(png, "more than the limit of 1000000");
        assertRejectedAtDecode(png, "16000000 pixels");
    }

    @Test
    void imageOfExactlyTheLimitIsDecoded() throws Exception {
        RgbImage image = new ImageDecoder(20 * 10).decode(encode(patterned(20, 10, BufferedImage.TYPE_INT_RGB), "png"));

        assertEquals(20, image.width());
        assertEquals(10, image.height());
    }

    @Test
    void pixelLimitIsCheckedBeforeTheTruncatedBodyIsRead() throws Exception {
        // Only the header survives: the pixel limit must still be reported, proving it comes from the header.
        byte[] png = encode(new BufferedImage(5000, 5000, BufferedImage.TYPE_BYTE_GRAY), "png");
        byte[] headerOnly = Arrays.copyOf(png, 8 + 25);

        assertRejectedAtDecode(headerOnly, "more than the limit of 1000000");
    }

    @Test
    void fastPathDecodesAJpegAtTheScaleItsTargetNeeds() throws Exception {
        byte[] jpeg = resource("images/upright.jpg"); // 120x80
        RgbImage quarter = new ImageDecoder(1_000_000, new DecodeTarget(10, 30)).decode(jpeg);
        assertEquals(30, quarter.width());
        assertEquals(20, quarter.height());
    }

    @Test
    void fastPathAtFullScaleMatchesTheExactPathWithinAQuantisationStep() throws Exception {
        byte[] jpeg = resource("images/upright.jpg");
        RgbImage exact = decoder.decode(jpeg);
        RgbImage fast = new ImageDecoder(1_000_000, new DecodeTarget(80, 120)).decode(jpeg);
        assertEquals(exact.width(), fast.width());
        int worst = 0;
        for (int i = 0; i < exact.rgb().length; i++) {
            worst = Math.max(worst, Math.abs((exact.rgb()[i] & 0xFF) - (fast.rgb()[i] & 0xFF)));
        }
        assertTrue(worst <= 3, "libjpeg-turbo and ImageIO differ by " + worst + " levels");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
    void fastPathTurnsJpegsUprightByTheirExifOrientation(int orientation) throws Exception {
        ImageDecoder fast = new ImageDecoder(1_000_000, new DecodeTarget(10, 30));
        RgbImage upright = fast.decode(resource("images/upright.jpg"));
        RgbImage turned = fast.decode(resource("images/orientation-" + orientation + ".jpg"));
        assertEquals(upright.width(), turned.width());
        assertArrayEquals(upright.rgb(), turned.rgb());
    }

    @Test
    void fastPathRefusesACutShortJpegLikeTheExactPath() throws Exception {
        byte[] jpeg = resource("images/upright.jpg");
        ImageDecoder fast = new ImageDecoder(1_000_000, new DecodeTarget(10, 30));
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> fast.decode(Arrays.copyOf(jpeg, jpeg.length / 2)));
        assertTrue(e.getMessage().contains("damaged or truncated"), e.getMessage());
    }

    @Test
    void fastPathChecksThePixelLimitFromTheHeader() throws Exception {
        ImageDecoder fast = new ImageDecoder(9_599, new DecodeTarget(10, 30)); // 120x80 = 9,600
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> fast.decode(resource("images/upright.jpg")));
        assertTrue(e.getMessage().contains("more than the limit"), e.getMessage());
    }
}
