package org.imagesearch.config;

import java.nio.file.Path;
import org.imagesearch.embed.Descriptor;
import picocli.CommandLine.Option;

/** Options for {@link Settings.Model}: the descriptor, and the model file that follows it unless given. */
public final class ModelOptions {
    // The default descriptor: GeM-pooled trunk features at 112, the best measured trade-off (README).
    @Option(names = "--descriptor", paramLabel = "NAME", description = "how an image becomes a vector: logits "
            + "(the reference), logits-normalized, gem, max or avg (default: ${DEFAULT-VALUE})")
    private String descriptor = "gem";

    @Option(names = "--gem-p", paramLabel = "P",
            description = "GeM's exponent, 1 = average pooling, large = max pooling (default: ${DEFAULT-VALUE})")
    private double gemP = 3;

    @Option(names = "--input-size", paramLabel = "N", description = "the crop the model sees; the shorter side is "
            + "first resized to N * 256 / 224 (default: ${DEFAULT-VALUE}; 224 in the reference)")
    private int inputSize = 112;

    @Option(names = "--flip-invariant", description = "pooled descriptors: add the mirrored image's pooled vector, "
            + "so a mirrored copy gets its original's vector (twice the inference; rows record e.g. gem-p3-flip)")
    private boolean flipInvariant;

    @Option(names = "--model", paramLabel = "FILE", description = "TorchScript file (default: "
            + "squeezenet1_0-features.pt in ../shared/models for pooled descriptors, squeezenet1_0.pt for logits)")
    private Path file;

    @Option(names = "--model-name", paramLabel = "NAME",
            description = "recorded in the model column (default: the model's file name without .pt)")
    private String name;

    public Settings.Model model() {
        Descriptor kind = Descriptor.of(descriptor, gemP, inputSize);
        Descriptor made = flipInvariant ? kind.flipInvariant() : kind;
        Path path = file != null ? file : Settings.defaultModelPath(made);
        return new Settings.Model(path.toString(), name != null ? name : nameOf(path), made);
    }

    private static String nameOf(Path modelPath) {
        String fileName = modelPath.getFileName().toString();
        return fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName;
    }
}
