package org.imagesearch.embed;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imagesearch.image.RgbImage;

/**
 * A loaded TorchScript model with one predictor. Not thread-safe, like DJL's {@code Predictor}: use one
 * instance per thread (the Flink job holds one per parallel subtask).
 */
public final class ImageEmbedder implements AutoCloseable {
    private final ZooModel<RgbImage, float[]> model;
    private final Predictor<RgbImage, float[]> predictor;
    private final int dimension;
    private final boolean normalized;

    private ImageEmbedder(ZooModel<RgbImage, float[]> model, int expectedDimension, boolean normalized) {
        this.model = model;
        this.predictor = model.newPredictor();
        this.dimension = expectedDimension;
        this.normalized = normalized;
    }

    /**
     * Loads the model and checks, with one inference on a blank image, that it returns vectors of the
     * spec's dimension: a wrong or broken file fails here, before any message is consumed.
     */
    public static ImageEmbedder load(ModelSpec spec) {
        Path modelFile = spec.path();
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalStateException("model file not found: " + modelFile.toAbsolutePath()
                    + " (set --model or IMAGE_SEARCH_MODEL to a SqueezeNet TorchScript file; see README, Model)");
        }
        TorchThreads.configure();
        Criteria<RgbImage, float[]> criteria = Criteria.builder()
                .setTypes(RgbImage.class, float[].class)
                .optModelPath(modelFile)
                .optEngine("PyTorch")
                .optTranslator(new SqueezeNetTranslator(spec.descriptor()))
                .build();
        ZooModel<RgbImage, float[]> model;
        try {
            model = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new IllegalStateException("cannot load model file " + modelFile.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        ImageEmbedder embedder = new ImageEmbedder(model, spec.dimension(), spec.descriptor().normalized());
        try {
            embedder.checkOutputDimension();
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
        return embedder;
    }

    public float[] embed(RgbImage image) throws TranslateException {
        return checked(predictor.predict(image));
    }

    /**
     * The vectors of {@code images}, in their order, from one forward pass over all of them: on a CPU a batch of a few
     * images costs less per image than one at a time. Throws if any image fails; {@link #embed} then tells which.
     */
    public List<float[]> embedAll(List<RgbImage> images) throws TranslateException {
        List<float[]> vectors = predictor.batchPredict(images);
        for (float[] vector : vectors) {
            checked(vector);
        }
        return vectors;
    }

    private float[] checked(float[] vector) throws TranslateException {
        if (vector.length != dimension) {
            throw new TranslateException("model returned " + vector.length + " values, expected " + dimension);
        }
        for (float v : vector) {
            // pgvector refuses NaN and infinity; catching them here keeps one image from failing a whole batch.
            if (!Float.isFinite(v)) {
                throw new TranslateException("model returned a non-finite value");
            }
        }
        if (normalized && Vectors.isZero(vector)) {
            // a unit vector was expected: a zero one has no cosine distance to anything and would answer NaN
            throw new TranslateException("model returned a zero vector (an image without features)");
        }
        return vector;
    }

    private void checkOutputDimension() {
        RgbImage blank = new RgbImage(224, 224, new byte[224 * 224 * 3]);
        try {
            float[] vector = predictor.predict(blank);
            if (vector.length != dimension) {
                throw new IllegalStateException("model " + model.getModelPath() + " gives " + vector.length
                        + " values per image but the table expects " + dimension + " (--dimension)");
            }
        } catch (TranslateException | IllegalArgumentException e) {
            throw new IllegalStateException("model " + model.getModelPath() + " cannot run a test inference: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
