package org.imagesearch.image;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JPEG decoding with libjpeg-turbo through OpenCV (natives from {@code org.openpnp:opencv}, extracted once
 * per class loader): SIMD decoding, DCT-domain scaling by 1/2, 1/4 or 1/8, and SIMD area resizing and encoding
 * for thumbnails. When the natives cannot be
 * loaded (another platform, a locked temp folder) {@link #available()} is false and images go through ImageIO.
 */
final class OpenCvJpeg {
    private static final Logger LOG = LoggerFactory.getLogger(OpenCvJpeg.class);
    private static final boolean AVAILABLE = load();

    private OpenCvJpeg() {}

    static boolean available() {
        return AVAILABLE;
    }

    /**
     * Decodes at 1/{@code denominator} of the stored size, as stored (EXIF orientation is the caller's), or
     * returns null when libjpeg refuses the data.
     */
    static RgbImage decode(byte[] bytes, int denominator) {
        int flags = Imgcodecs.IMREAD_IGNORE_ORIENTATION | switch (denominator) {
            case 1 -> Imgcodecs.IMREAD_COLOR;
            case 2 -> Imgcodecs.IMREAD_REDUCED_COLOR_2;
            case 4 -> Imgcodecs.IMREAD_REDUCED_COLOR_4;
            case 8 -> Imgcodecs.IMREAD_REDUCED_COLOR_8;
            default -> throw new IllegalArgumentException("no JPEG scale 1/" + denominator);
        };
        MatOfByte encoded = new MatOfByte(bytes);
        Mat bgr = Imgcodecs.imdecode(encoded, flags);
        Mat rgb = new Mat();
        try {
            if (bgr.empty() || bgr.channels() != 3) {
                return null;
            }
            Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
            byte[] pixels = new byte[rgb.cols() * rgb.rows() * 3];
            rgb.get(0, 0, pixels);
            return new RgbImage(rgb.cols(), rgb.rows(), pixels);
        } finally {
            encoded.release();
            bgr.release();
            rgb.release();
        }
    }

    /**
     * {@code image} scaled to {@code width} x {@code height} by area averaging (every source pixel weighs in, as a
     * downscale needs) and encoded as JPEG at {@code quality} (0-100).
     */
    static byte[] scaledJpeg(RgbImage image, int width, int height, int quality) {
        Mat rgb = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        Mat scaled = new Mat();
        Mat bgr = new Mat();
        MatOfByte encoded = new MatOfByte();
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality);
        try {
            rgb.put(0, 0, image.rgb());
            Imgproc.resize(rgb, scaled, new Size(width, height), 0, 0, Imgproc.INTER_AREA);
            Imgproc.cvtColor(scaled, bgr, Imgproc.COLOR_RGB2BGR);
            if (!Imgcodecs.imencode(".jpg", bgr, encoded, params)) {
                throw new IllegalStateException("libjpeg could not encode a " + width + "x" + height + " thumbnail");
            }
            return encoded.toArray();
        } finally {
            rgb.release();
            scaled.release();
            bgr.release();
            encoded.release();
            params.release();
        }
    }

    private static boolean load() {
        try {
            nu.pattern.OpenCV.loadLocally();
            // The job already runs a decoding subtask per core: OpenCV's own pool would only compete with them.
            Core.setNumThreads(1);
            return true;
        } catch (Throwable e) { // UnsatisfiedLinkError, or the loader's own RuntimeException
            LOG.warn("OpenCV natives not loaded, JPEGs are decoded by ImageIO (slower): {}", e.toString());
            return false;
        }
    }
}
