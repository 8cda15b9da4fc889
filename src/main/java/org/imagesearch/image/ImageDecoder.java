package org.imagesearch.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG (CMYK and YCCK too, with TwelveMonkeys' reader, turned upright by its EXIF orientation), PNG,
 * WebP (TwelveMonkeys), BMP, GIF (first frame) and anything else ImageIO reads into 8-bit RGB. The pixel count is
 * checked from the header, before any pixel is decoded, so a small file cannot blow up memory.
 *
 * <p>With a {@link DecodeTarget} smaller than {@link DecodeTarget#FULL}, complete 8-bit grey and colour JPEGs
 * take the fast path instead: libjpeg-turbo scales them in the DCT domain to the smallest size the target
 * allows ({@link OpenCvJpeg}), several times faster than ImageIO's full decode of a photograph.
 */
public final class ImageDecoder {
    private final long maxPixels;
    private final DecodeTarget target;

    /** Decodes every pixel, through ImageIO: the exact path. */
    public ImageDecoder(long maxPixels) {
        this(maxPixels, DecodeTarget.FULL);
    }

    public ImageDecoder(long maxPixels, DecodeTarget target) {
        this.maxPixels = maxPixels;
        this.target = target;
    }

    public RgbImage decode(byte[] bytes) throws ImageRejectedException {
        JpegHeader jpeg = target.equals(DecodeTarget.FULL) || !OpenCvJpeg.available() ? null : JpegHeader.of(bytes);
        if (jpeg != null && jpeg.fastPathCanDecode()) {
            checkPixels(jpeg.pixels());
            RgbImage image = OpenCvJpeg.decode(bytes, target.denominator(jpeg.width(), jpeg.height()));
            if (image != null) {
                return ExifOrientation.upright(image, ExifOrientation.of(bytes));
            }
        }
        return decodeWithImageIo(bytes); // also gives the reason when libjpeg refused the data
    }

    private RgbImage decodeWithImageIo(byte[] bytes) throws ImageRejectedException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw reject("not a supported image format (JPEG, PNG, WebP, BMP, GIF)");
            }
            if (RiffLength.isCutShort(bytes)) {
                throw damaged("the file is shorter than its RIFF header says");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return ExifOrientation.upright(toRgb(read(reader)), ExifOrientation.of(bytes));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw damaged(e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    /** Reads the first image after checking its size; an image read with warnings of damage is refused. */
    private BufferedImage read(ImageReader reader) throws IOException, ImageRejectedException {
        checkPixels((long) reader.getWidth(0) * reader.getHeight(0));
        DamageWarnings warnings = new DamageWarnings();
        reader.addIIOReadWarningListener(warnings);
        BufferedImage image = reader.read(0);
        if (warnings.first() != null) {
            throw damaged(warnings.first());
        }
        return image;
    }

    private void checkPixels(long pixels) throws ImageRejectedException {
        if (pixels > maxPixels) {
            throw reject("image has " + pixels + " pixels, more than the limit of " + maxPixels);
        }
    }

    /**
     * Like PIL's convert("RGB"): grey is replicated, alpha is dropped, palettes are expanded. Grey images
     * (with or without alpha, 8 or 16 bits) are read from their stored samples, because getRGB() would
     * apply a gamma conversion to them.
     */
    static RgbImage toRgb(BufferedImage image) {
        ColorModel model = image.getColorModel();
        boolean grey = model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel);
        return grey ? fromGreySamples(image.getRaster(), model.getComponentSize(0)) : fromArgb(image);
    }

    private static RgbImage fromGreySamples(Raster raster, int bits) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int max = (1 << bits) - 1;
        byte[] rgb = new byte[width * height * 3];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                byte v = (byte) (bits == 8 ? row[x] : (row[x] * 255 + max / 2) / max);
                int i = (y * width + x) * 3;
                rgb[i] = rgb[i + 1] = rgb[i + 2] = v;
            }
        }
        return new RgbImage(width, height, rgb);
    }

    private static RgbImage fromArgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgb = new byte[width * height * 3];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                int argb = row[x];
                rgb[i] = (byte) (argb >> 16);
                rgb[i + 1] = (byte) (argb >> 8);
                rgb[i + 2] = (byte) argb;
            }
        }
        return new RgbImage(width, height, rgb);
    }

    private static ImageRejectedException damaged(String detail) {
        return reject("image data is damaged or truncated: " + detail);
    }

    private static ImageRejectedException reject(String reason) {
        return new ImageRejectedException(ImageRejectedException.Step.DECODE, reason);
    }
}
