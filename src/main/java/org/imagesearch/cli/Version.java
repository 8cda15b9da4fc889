package org.imagesearch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version, written into the classes folder by the build. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        try (InputStream in = Version.class.getResourceAsStream("version.txt")) {
            return new String[] {"image-search " + (in == null ? "(unknown version)"
                    : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())};
        }
    }
}
