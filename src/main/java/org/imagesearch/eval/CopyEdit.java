package org.imagesearch.eval;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Random;
import org.imagesearch.image.ImageEncoding;

/**
 * One way a copy of an image is commonly made: an optional crop to a share of each side (at a seeded offset), a
 * Java2D change of the pixels, and the encoding it is saved in (JPEG at a quality, else lossless PNG, so an edit
 * that is not about compression measures only its own change). {@link CopyEdits} applies them, seeded.
 */
public enum CopyEdit {
    JPEG_Q20(1, Change.NONE, 0.20f),
    JPEG_Q35(1, Change.NONE, 0.35f),
    JPEG_Q50(1, Change.NONE, 0.50f),
    CROP_60(0.6, Change.NONE, 0),
    CROP_70(0.7, Change.NONE, 0),
    CROP_80(0.8, Change.NONE, 0),
    CROP_90(0.9, Change.NONE, 0),
    MIRROR(1, (image, random) -> ImageEdits.mirror(image), 0),
    ROTATE_MINUS_10(1, (image, random) -> ImageEdits.rotate(image, -10), 0),
    ROTATE_MINUS_5(1, (image, random) -> ImageEdits.rotate(image, -5), 0),
    ROTATE_5(1, (image, random) -> ImageEdits.rotate(image, 5), 0),
    ROTATE_10(1, (image, random) -> ImageEdits.rotate(image, 10), 0),
    BRIGHTER(1, (image, random) -> ImageEdits.levels(image, 1, 40), 0),
    DARKER(1, (image, random) -> ImageEdits.levels(image, 1, -40), 0),
    MORE_CONTRAST(1, (image, random) -> ImageEdits.contrast(image, 1.4f), 0),
    LESS_CONTRAST(1, (image, random) -> ImageEdits.contrast(image, 0.6f), 0),
    GAUSSIAN_BLUR(1, (image, random) -> ImageEdits.gaussianBlur(image, 1.0), 0),
    BOX_BLUR(1, (image, random) -> ImageEdits.boxBlur(image, 3), 0),
    RESIZE_HALF(1, (image, random) -> ImageEdits.downUp(image, 0.5), 0),
    TEXT(1, CopyEdit::captioned, 0),
    CROP_80_JPEG_35(0.8, Change.NONE, 0.35f),
    MIRROR_BRIGHTER(1, (image, random) -> ImageEdits.levels(ImageEdits.mirror(image), 1, 40), 0),
    ROTATE_5_JPEG_50(1, (image, random) -> ImageEdits.rotate(image, 5), 0.50f),
    CROP_90_MIRROR_TEXT_JPEG_50(0.9, (image, random) -> captioned(ImageEdits.mirror(image), random), 0.50f);

    /** The caption of the text overlays: watermark-like. */
    static final String CAPTION = "(c) 2026";

    /** What an edit does to the (cropped) pixels; {@code random} places what needs a place. */
    private interface Change {
        Change NONE = (image, random) -> image;

        BufferedImage apply(BufferedImage image, Random random);
    }

    private final double crop;
    private final Change change;
    private final float jpegQuality;

    CopyEdit(double crop, Change change, float jpegQuality) {
        this.crop = crop;
        this.change = change;
        this.jpegQuality = jpegQuality;
    }

    /** The name reports use, e.g. {@code crop-80-jpeg-35}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The share of each side a crop keeps, 1 for edits that do not crop. */
    public double crop() {
        return crop;
    }

    private static BufferedImage captioned(BufferedImage image, Random random) {
        return ImageEdits.caption(image, CAPTION, random);
    }

    /** The edited copy of an RGB image, encoded; {@code random} places crops and captions. */
    byte[] apply(BufferedImage rgb, Random random) {
        BufferedImage image = crop < 1 ? ImageEdits.crop(rgb, crop, random) : rgb;
        image = change.apply(image, random);
        return jpegQuality > 0 ? ImageEncoding.jpeg(image, jpegQuality) : ImageEncoding.png(image);
    }
}
