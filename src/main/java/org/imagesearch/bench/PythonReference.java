package org.imagesearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imagesearch.config.Settings;
import org.imagesearch.embed.Descriptor;
import org.imagesearch.embed.Pooling;
import org.imagesearch.json.Json;

/**
 * {@code bench/python_reference_loop.py}, the reference tutorial's loop, run by a Python with torch, torchvision
 * and Pillow on the benchmark's files with the model file, input size and descriptor of the settings and one
 * PyTorch thread per core; its JSON line comes back as it printed it. Its errors go to this process's stderr.
 */
public final class PythonReference {
    private final Path python;
    private final Path script;

    public PythonReference(Path python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** The script in this checkout. */
    public static Path defaultScript() {
        return Settings.projectDir().resolve("bench").resolve("python_reference_loop.py");
    }

    ObjectNode run(List<Path> files, Settings.Model model, Duration timeout) throws IOException, InterruptedException {
        Path list = Files.createTempFile("bench-python-files", ".txt");
        Path out = Files.createTempFile("bench-python-out", ".json");
        try {
            Files.write(list, files.stream().map(Path::toString).toList());
            Process process = new ProcessBuilder(command(list, model, Runtime.getRuntime().availableProcessors()))
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(script + " failed (exit code " + process.exitValue() + ", see above)");
            }
            return lastJsonLine(Files.readAllLines(out));
        } finally {
            Files.deleteIfExists(list);
            Files.deleteIfExists(out);
        }
    }

    List<String> command(Path fileList, Settings.Model model, int threads) {
        Descriptor descriptor = model.descriptor();
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(),
                "--file-list", fileList.toString(), "--model", model.file(), "--descriptor", descriptor.kind(),
                "--input-size", Integer.toString(descriptor.inputSize()), "--threads", Integer.toString(threads)));
        if (descriptor.pooling() == Pooling.GEM) {
            command.addAll(List.of("--gem-p", Double.toString(descriptor.gemP())));
        }
        return command;
    }

    static ObjectNode lastJsonLine(List<String> lines) throws IOException {
        List<String> printed = lines.stream().filter(line -> !line.isBlank()).toList();
        JsonNode last = printed.isEmpty() ? null : Json.MAPPER.readTree(printed.get(printed.size() - 1));
        if (!(last instanceof ObjectNode object) || !object.path("images_per_s").isNumber()) {
            throw new IllegalStateException("the Python loop printed no JSON line with images_per_s: " + printed);
        }
        return object;
    }
}
