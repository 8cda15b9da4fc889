package org.imagesearch.embed;

import java.io.Serializable;
import java.util.Locale;

/**
 * How an image becomes the vector stored for it: the input size it is resized and cropped to, which model
 * output is taken and how it is pooled, whether it is L2-normalised, and an optional learned projection.
 * The reference is {@code logits} at 224: the classifier's 1000 outputs compared with L2 distance.
 *
 * @param gemP       GeM's exponent; only meaningful for {@link Pooling#GEM}
 * @param projection null for none; applied to the normalised pooled vector, then normalised again
 * @param mirrored   also pool the mirrored image and add it before normalising, so an image and its mirror get the
 *                   same vector (pooled descriptors only; twice the inference)
 */
public record Descriptor(Pooling pooling, double gemP, boolean normalized, int inputSize, Projection projection,
                         boolean mirrored) implements Serializable {
    public static final int MIN_INPUT_SIZE = 64;
    public static final int MAX_INPUT_SIZE = 1024;

    public Descriptor {
        if (pooling == null) {
            throw new IllegalArgumentException("pooling is required");
        }
        if (pooling != Pooling.NONE && !normalized) {
            throw new IllegalArgumentException("pooled descriptors are always L2-normalised");
        }
        if (pooling == Pooling.GEM && !(gemP >= 1 && gemP <= 20)) {
            throw new IllegalArgumentException("--gem-p must be in 1..20, got " + gemP);
        }
        if (inputSize < MIN_INPUT_SIZE || inputSize > MAX_INPUT_SIZE) {
            throw new IllegalArgumentException("--input-size must be in " + MIN_INPUT_SIZE + ".." + MAX_INPUT_SIZE
                    + ", got " + inputSize);
        }
        if (mirrored && pooling == Pooling.NONE) {
            throw new IllegalArgumentException("--flip-invariant needs a pooled descriptor");
        }
        if (projection != null && !normalized) {
            throw new IllegalArgumentException("a projection needs a normalised descriptor");
        }
    }

    /** The reference tutorial's descriptor: raw logits at 224. */
    public static Descriptor reference() {
        return new Descriptor(Pooling.NONE, 0, false, 224, null, false);
    }

    /**
     * From the option values: {@code logits}, {@code logits-normalized}, {@code gem}, {@code max} or
     * {@code avg}; {@code gemP} is used by {@code gem} only.
     */
    public static Descriptor of(String kind, double gemP, int inputSize) {
        return switch (kind) {
            case "logits" -> new Descriptor(Pooling.NONE, 0, false, inputSize, null, false);
            case "logits-normalized" -> new Descriptor(Pooling.NONE, 0, true, inputSize, null, false);
            case "gem" -> new Descriptor(Pooling.GEM, gemP, true, inputSize, null, false);
            case "max" -> new Descriptor(Pooling.MAX, 0, true, inputSize, null, false);
            case "avg" -> new Descriptor(Pooling.AVG, 0, true, inputSize, null, false);
            default -> throw new IllegalArgumentException(
                    "--descriptor must be logits, logits-normalized, gem, max or avg, got '" + kind + "'");
        };
    }

    /** True when the model must return a feature map to pool rather than a finished vector. */
    public boolean pooled() {
        return pooling != Pooling.NONE;
    }

    /** The name recorded with every row, e.g. {@code logits}, {@code gem-p3}, {@code gem-p3-flip}, {@code max}. */
    public String name() {
        return (pooling == Pooling.GEM ? "gem-p" + formatP(gemP) : kind()) + (mirrored ? "-flip" : "");
    }

    /** The {@code --descriptor} value that gives this descriptor, as {@link #of} reads it (without the flip). */
    public String kind() {
        return switch (pooling) {
            case NONE -> normalized ? "logits-normalized" : "logits";
            case GEM -> "gem";
            case MAX -> "max";
            case AVG -> "avg";
        };
    }

    /** The distance its vectors are made for: L2 for raw logits, cosine for unit vectors. */
    public DistanceMetric naturalDistance() {
        return normalized ? DistanceMetric.COSINE : DistanceMetric.L2;
    }

    /** Shorter side to the same 256:224 ratio as the reference, then a centred square of {@code inputSize}. */
    public ImagePreprocessor preprocessor() {
        return new ImagePreprocessor((int) Math.round(inputSize * 256.0 / 224.0), inputSize);
    }

    public Descriptor withProjection(Projection newProjection) {
        return new Descriptor(pooling, gemP, normalized, inputSize, newProjection, mirrored);
    }

    /** The same descriptor made flip-invariant. */
    public Descriptor flipInvariant() {
        return new Descriptor(pooling, gemP, normalized, inputSize, projection, true);
    }

    public Descriptor withoutProjection() {
        return withProjection(null);
    }

    /** What every stored row records about how its vector was made. */
    public DescriptorTag tag(String model) {
        return new DescriptorTag(model, name(), inputSize, projection == null ? null : projection.version());
    }

    /**
     * The vector for one model output of the given shape ([D] for logits, [C, H, W] for a feature map, [2, C, H, W]
     * for the image and its mirror): pooled, normalised and projected as this descriptor says.
     */
    public float[] finish(float[] output, long[] shape) {
        float[] vector = output;
        if (mirrored) {
            if (shape.length != 4 || shape[0] != 2) {
                throw new IllegalArgumentException("a flip-invariant descriptor needs the feature maps of the image "
                        + "and its mirror, the model returned shape " + java.util.Arrays.toString(shape));
            }
            long[] one = {shape[1], shape[2], shape[3]};
            int half = output.length / 2;
            vector = pool(java.util.Arrays.copyOfRange(output, 0, half), one);
            float[] mirror = pool(java.util.Arrays.copyOfRange(output, half, output.length), one);
            for (int i = 0; i < vector.length; i++) {
                vector[i] += mirror[i];
            }
        } else if (pooled()) {
            vector = pool(output, shape);
        } else if (shape.length != 1) {
            throw new IllegalArgumentException("logits need a vector, the model returned shape "
                    + java.util.Arrays.toString(shape) + " (use the classifier model, see --model)");
        }
        if (normalized) {
            vector = Vectors.l2Normalize(vector == output ? vector.clone() : vector);
        }
        return projection == null ? vector : projection.apply(vector);
    }

    private float[] pool(float[] map, long[] shape) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("pooling needs a [C, H, W] feature map, the model returned shape "
                    + java.util.Arrays.toString(shape) + " (use the features model, see --model)");
        }
        return pooling.pool(map, (int) shape[0], (int) (shape[1] * shape[2]), gemP);
    }

    private static String formatP(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%s", p);
    }
}
