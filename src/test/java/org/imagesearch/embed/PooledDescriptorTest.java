package org.imagesearch.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import org.imagesearch.config.Settings;
import org.imagesearch.image.ImageDecoder;
import org.imagesearch.image.RgbImage;
import org.imagesearch.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pooled descriptors of a fixed real image against the same pooling computed independently, with
 * PyTorch tensor operations on the raw feature map of the real features model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PooledDescriptorTest {
    private static final int SIZE = 112;
    private RgbImage image;
    private NDManager manager;
    private NDArray featureMap;

    @BeforeAll
    void computeTheFeatureMapDirectly() throws Exception {
        image = new ImageDecoder(Long.MAX_VALUE).decode(TestImages.cifar(3).get(2).bytes());
        Descriptor any = Descriptor.of("gem", 3, SIZE);
        manager = NDManager.newBaseManager("PyTorch");
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(Settings.defaultModelPath(any)).optEngine("PyTorch").build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
             Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDArray input = manager.create(any.preprocessor().toTensor(image), new Shape(1, 3, SIZE, SIZE));
            NDArray output = predictor.predict(new NDList(input)).singletonOrThrow();
            assertEquals(512, output.getShape().get(1));
            // [1, 512, h, w] -> [512, h*w]: PyTorch's reductions here take one axis
            featureMap = output.reshape(512, -1);
            featureMap.attach(manager);
        }
    }

    @AfterAll
    void close() {
        manager.close();
    }

    @Test
    void gemEqualsThePowerMeanOfTheFeatureMap() throws Exception {
        NDArray gem = featureMap.clip(1e-6, Float.MAX_VALUE).pow(3).mean(new int[] {1}).pow(1.0 / 3);
        assertArrayEquals(unit(gem), embed(Descriptor.of("gem", 3, SIZE)), 1e-5f);
    }

    @Test
    void maxAndAverageEqualTheirTensorReductions() throws Exception {
        assertArrayEquals(unit(featureMap.max(new int[] {1})), embed(Descriptor.of("max", 3, SIZE)), 1e-5f);
        assertArrayEquals(unit(featureMap.mean(new int[] {1})), embed(Descriptor.of("avg", 3, SIZE)), 1e-5f);
    }

    @Test
    void aFlipInvariantDescriptorGivesAnImageAndItsMirrorTheSameVector() throws Exception {
        Descriptor flip = Descriptor.of("gem", 3, SIZE).flipInvariant();
        RgbImage mirror = mirrored(image);
        assertArrayEquals(embed(flip, image), embed(flip, mirror), 1e-5f);
        Descriptor plain = Descriptor.of("gem", 3, SIZE);
        assertTrue(DistanceMetric.COSINE.between(embed(plain, image), embed(plain, mirror)) > 1e-3,
                "without the flip the mirror's vector differs");
    }

    private float[] embed(Descriptor descriptor) throws Exception {
        return embed(descriptor, image);
    }

    private static float[] embed(Descriptor descriptor, RgbImage picture) throws Exception {
        try (ImageEmbedder embedder = ImageEmbedder.load(new ModelSpec(Settings.defaultModelPath(descriptor).toString(), "test", descriptor, 512))) {
            return embedder.embed(picture);
        }
    }

    private static RgbImage mirrored(RgbImage original) {
        int w = original.width();
        byte[] rgb = new byte[original.rgb().length];
        for (int y = 0; y < original.height(); y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(original.rgb(), (y * w + x) * 3, rgb, (y * w + (w - 1 - x)) * 3, 3);
            }
        }
        return new RgbImage(w, original.height(), rgb);
    }

    private static float[] unit(NDArray v) {
        return v.div(v.norm()).toFloatArray();
    }
}
