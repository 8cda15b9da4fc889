package org.imagesearch.testing;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** The edits a copy of an image typically went through, made with ImageIO: each returns the copy's encoded bytes. */
public enum EditedCopies {
    JPEG_Q30(image -> image),
    MIRROR(EditedCopies::mirror),
    CROP_85(EditedCopies::centreCrop85);

    private final UnaryOperator<BufferedImage> edit;

    EditedCopies(UnaryOperator<BufferedImage> edit) {
        this.edit = edit;
    }

    /** The copy of {@code original} (any format ImageIO reads), encoded as JPEG: quality 30 for JPEG_Q30, else 90. */
    public byte[] copyOf(byte[] original) throws IOException {
        BufferedImage edited = edit.apply(rgb(TestImages.decode(original)));
        return jpeg(edited, this == JPEG_Q30 ? 0.3f : 0.9f);
    }

    public static List<EditedCopies> all() {
        return List.of(values());
    }

    private static BufferedImage mirror(BufferedImage image) {
        AffineTransform flip = new AffineTransform(-1, 0, 0, 1, image.getWidth(), 0);
        return new AffineTransformOp(flip, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, null);
    }

    private static BufferedImage centreCrop85(BufferedImage image) {
        int width = Math.round(image.getWidth() * 0.85f);
        int height = Math.round(image.getHeight() * 0.85f);
        return image.getSubimage((image.getWidth() - width) / 2, (image.getHeight() - height) / 2, width, height);
    }

    private static BufferedImage rgb(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        return rgb;
    }

    private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(rgb(image), null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
