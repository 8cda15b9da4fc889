package org.imagesearch.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Images encoded in memory with ImageIO: lossless PNG, or JPEG at a chosen quality (ImageIO's default is 0.75). */
public final class ImageEncoding {
    private ImageEncoding() {}

    public static byte[] png(BufferedImage image) {
        return write(image, "png", null);
    }

    /** {@code quality} 0..1, as ImageIO's JPEG writer takes it. */
    public static byte[] jpeg(BufferedImage image, float quality) {
        return write(image, "jpeg", quality);
    }

    private static byte[] write(BufferedImage image, String format, Float jpegQuality) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (jpegQuality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
