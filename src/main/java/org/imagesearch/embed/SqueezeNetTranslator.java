package org.imagesearch.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.imagesearch.image.RgbImage;

/**
 * Pre- and post-processing of the SqueezeNet TorchScript model in one place: an {@link RgbImage} goes in
 * as a normalised [3, size, size] tensor (batched by stacking; with its mirror for a flip-invariant descriptor); the model's output (logits, or a feature
 * map to pool) comes out as the {@link Descriptor}'s finished vector.
 */
public final class SqueezeNetTranslator implements Translator<RgbImage, float[]> {
    private final Descriptor descriptor;
    private final ImagePreprocessor preprocessor;

    public SqueezeNetTranslator(Descriptor descriptor) {
        this.descriptor = descriptor;
        this.preprocessor = descriptor.preprocessor();
    }

    @Override
    public NDList processInput(TranslatorContext ctx, RgbImage image) {
        int crop = preprocessor.crop();
        NDArray tensor = ctx.getNDManager().create(preprocessor.toTensor(image), new Shape(3, crop, crop));
        // a flip-invariant descriptor runs the image and its mirror (flipped along the width) as one batch of two
        return new NDList(descriptor.mirrored() ? NDArrays.stack(new NDList(tensor, tensor.flip(2))) : tensor);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList output) {
        NDArray result = output.singletonOrThrow();
        return descriptor.finish(result.toFloatArray(), result.getShape().getShape());
    }

    /** None for the flip-invariant pair, which is its own batch; otherwise one image stacked as a batch of one. */
    @Override
    public Batchifier getBatchifier() {
        return descriptor.mirrored() ? null : Batchifier.STACK;
    }
}
