package org.imagesearch.embed;

import org.imagesearch.image.DecodeTarget;
import org.imagesearch.image.RgbImage;

/**
 * The reference preprocessing (torchvision {@code Resize(256)}, {@code CenterCrop(224)}, {@code ToTensor()},
 * {@code Normalize(ImageNet mean, std)}): shorter side to {@code resize} with bilinear filtering, a centred
 * {@code crop} x {@code crop} square, values scaled to 0..1 and normalised per channel, channels first.
 */
public final class ImagePreprocessor {
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final int resize;
    private final int crop;

    public ImagePreprocessor(int resize, int crop) {
        if (crop < 1 || resize < crop) {
            throw new IllegalArgumentException("need 1 <= crop <= resize, got resize " + resize + ", crop " + crop);
        }
        this.resize = resize;
        this.crop = crop;
    }

    /** The reference setting: 256 then 224. */
    public static ImagePreprocessor reference() {
        return new ImagePreprocessor(256, 224);
    }

    public int crop() {
        return crop;
    }

    /** The smallest decoded size this preprocessing (and the row's thumbnail) can work from. */
    public DecodeTarget decodeTarget() {
        return DecodeTarget.forModelInput(resize);
    }

    /** A float32 tensor of shape [3, crop, crop] in CHW order. */
    public float[] toTensor(RgbImage image) {
        int w = image.width();
        int h = image.height();
        // Same arithmetic as torchvision's _compute_resized_output_size: the long side is truncated.
        long resizedW = w <= h ? resize : (long) resize * w / h;
        long resizedH = w <= h ? (long) resize * h / w : resize;
        if (resizedW > Integer.MAX_VALUE || resizedH > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image " + w + "x" + h + " has an unsupported aspect ratio");
        }
        // torchvision's center_crop rounds half to even (Python's round).
        int top = (int) Math.rint((resizedH - crop) / 2.0);
        int left = (int) Math.rint((resizedW - crop) / 2.0);
        RgbImage cropped = PilBilinearResize.resizeWindow(image, (int) resizedW, (int) resizedH, left, top, crop, crop);
        byte[] rgb = cropped.rgb();
        int plane = crop * crop;
        float[] tensor = new float[3 * plane];
        for (int p = 0; p < plane; p++) { // interleaved pixels in, one plane per channel out
            for (int c = 0; c < 3; c++) {
                float value = (rgb[p * 3 + c] & 0xFF) / 255f;
                tensor[c * plane + p] = (value - MEAN[c]) / STD[c];
            }
        }
        return tensor;
    }
}
