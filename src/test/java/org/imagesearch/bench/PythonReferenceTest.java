package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.imagesearch.config.Settings;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.Test;

class PythonReferenceTest {
    private final PythonReference python = new PythonReference(Path.of("/usr/bin/python3"), Path.of("loop.py"));

    @Test
    void theLoopRunsTheSettingsModelAtTheirInputSizeAndDescriptor() {
        Settings.Model defaults = TestSettings.parse().model();
        assertEquals(List.of("/usr/bin/python3", "loop.py", "--file-list", "files.txt", "--model", defaults.file(),
                "--descriptor", "gem", "--input-size", "112", "--threads", "2", "--gem-p", "3.0"),
                python.command(Path.of("files.txt"), defaults, 2));
        assertEquals(Settings.defaultModelPath(defaults.descriptor()).toString(), defaults.file());

        Settings.Model reference = TestSettings.parse("--descriptor", "logits", "--input-size", "224").model();
        assertEquals(List.of("/usr/bin/python3", "loop.py", "--file-list", "files.txt", "--model", reference.file(),
                "--descriptor", "logits", "--input-size", "224", "--threads", "1"),
                python.command(Path.of("files.txt"), reference, 1));
    }

    @Test
    void itsFiguresAreTheLastLineItPrints() throws Exception {
        assertEquals(19.4, PythonReference.lastJsonLine(List.of("a warning", "{\"images\":3,\"images_per_s\":19.4}", ""))
                .get("images_per_s").asDouble());
        assertThrows(IllegalStateException.class, () -> PythonReference.lastJsonLine(List.of()));
        assertThrows(IllegalStateException.class, () -> PythonReference.lastJsonLine(List.of("{\"images\":3}")));
    }
}
