package org.imagesearch.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/**
 * Pre- and post-processing of the SqueezeNet TorchScript model in one place: an {@link RgbImage} goes in
 * as a normalised [3, 224, 224] tensor (batched by stacking), the model's output row comes out as float[].
 */
public final class SqueezeNetTranslator implements Translator<RgbImage, float[]> {
    private final ImagePreprocessor preprocessor;

    public SqueezeNetTranslator(ImagePreprocessor preprocessor) {
        this.preprocessor = preprocessor;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, RgbImage image) {
        int crop = preprocessor.crop();
        NDArray tensor = ctx.getNDManager().create(preprocessor.toTensor(image), new Shape(3, crop, crop));
        return new NDList(tensor);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList output) {
        return output.singletonOrThrow().toFloatArray();
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}
