package org.imagesearch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes with Debian's {@code kcat} (librdkafka), a Kafka client independent of the JVM's, so the job is fed
 * bytes exactly as another producer would send them. Each value travels as a file: kcat sends a file as one
 * message, whatever bytes (newlines included) it holds.
 */
public final class Kcat {
    public static final Path BINARY = Path.of("/usr/bin/kcat");

    private final String bootstrapServers;
    private final String topic;
    private final Path folder;

    public Kcat(String bootstrapServers, String topic, Path folder) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.folder = folder;
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Sends one message keyed {@code key}; a null {@code value} is sent as a null value (a tombstone). kcat skips
     * empty files and empty input lines, so an empty or null value goes as the line "key:" split at a key
     * delimiter (-K), which kcat sends with an empty value, or with -Z a null one; such keys must not hold ':'.
     */
    public void send(String key, byte[] value) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-P", "-b", bootstrapServers, "-t", topic,
                "-X", "message.timeout.ms=10000"));
        boolean empty = value == null || value.length == 0;
        Path file = null;
        byte[] stdin = new byte[0];
        if (empty) {
            command.addAll(value == null ? List.of("-K", ":", "-Z") : List.of("-K", ":"));
            stdin = (key + ":\n").getBytes(StandardCharsets.UTF_8);
        } else {
            file = Files.createTempFile(folder, "message", ".bin");
            Files.write(file, value);
            command.addAll(List.of("-k", key, file.toString()));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(stdin);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("kcat failed: " + output);
        }
        if (file != null) {
            Files.delete(file);
        }
    }
}
