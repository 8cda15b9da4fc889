package org.imagesearch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.imagesearch.config.Settings;

/**
 * The classpath of a standalone Flink cluster's processes: what a Flink distribution's {@code lib/} holds, resolved by
 * Maven from {@code src/test/resources/flink-cluster/pom.xml} at the versions of the project's pom (which failsafe
 * passes as system properties), once per variant and versions, into a file under {@code target/}.
 */
public enum FlinkClasspath {
    /** Flink alone: the job jar brings DJL and its natives. */
    FLINK(List.of()),
    /** Flink with DJL's PyTorch engine and natives, as the README's cluster section puts them in {@code lib/}. */
    FLINK_AND_DJL(List.of("-Pdjl"));

    private static final List<String> VERSIONS = List.of("flink.version", "log4j.version", "djl.version",
            "pytorch.version");
    private final List<String> profiles;

    FlinkClasspath(List<String> profiles) {
        this.profiles = profiles;
    }

    synchronized String resolve() throws IOException, InterruptedException {
        Path project = Settings.projectDir();
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q",
                "-f", project.resolve("src/test/resources/flink-cluster/pom.xml").toString()));
        command.addAll(profiles);
        List<String> values = new ArrayList<>();
        for (String version : VERSIONS) {
            String value = System.getProperty(version);
            if (value == null) {
                throw new IllegalStateException("system property " + version + " is not set: run through mvn verify");
            }
            command.add("-D" + version + "=" + value);
            values.add(value);
        }
        Path resolved = project.resolve("target").resolve("flink-cluster-classpath-" + name().toLowerCase(Locale.ROOT)
                + "-" + String.join("-", values) + ".txt");
        if (!Files.exists(resolved)) {
            command.addAll(List.of("dependency:build-classpath", "-Dmdep.outputFile=" + resolved));
            Path log = Files.createTempFile("flink-classpath", ".log");
            Process mvn = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!mvn.waitFor(5, TimeUnit.MINUTES) || mvn.exitValue() != 0 || !Files.exists(resolved)) {
                mvn.destroyForcibly();
                throw new IllegalStateException("cannot resolve the Flink cluster's classpath:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        }
        return Files.readString(resolved, StandardCharsets.UTF_8).trim();
    }
}
