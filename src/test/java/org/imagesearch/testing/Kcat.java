package org.imagesearch.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code kcat}, librdkafka's command-line client, as a second producer next to the Java client:
 * librdkafka's default partitioner (consistent_random, crc32 of the key) puts a key in another partition
 * than the Java client's murmur2 often does.
 */
public final class Kcat {
    private static final Path BINARY = Path.of("/usr/bin/kcat");
    private static final long TIMEOUT_SECONDS = 60;

    private final String bootstrapServers;

    private Kcat(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The client for a broker on this machine; skips the calling test when kcat is not installed. */
    public static Kcat at(String bootstrapServers) {
        assumeTrue(Files.isExecutable(BINARY), BINARY + " is missing (apt-get install kcat): this test needs"
                + " a producer that partitions keys like librdkafka, not like the Java client");
        assumeTrue(bootstrapServers.startsWith("127.0.0.1:"), "kcat is only pointed at a broker on 127.0.0.1");
        return new Kcat(bootstrapServers);
    }

    /** One record as it is stored: its partition, key and value. */
    public record StoredRecord(int partition, String key, String value) {}

    /** A message to produce: the key (an id) and the JSON text, neither containing a tab or a line break. */
    public record Message(long id, String json) {}

    /** Produces the messages in order with librdkafka's default partitioner, and waits until all are delivered. */
    public void produce(String topic, List<Message> messages) throws IOException, InterruptedException {
        StringBuilder lines = new StringBuilder();
        for (Message message : messages) {
            lines.append(message.id()).append('\t').append(message.json()).append('\n');
        }
        run(List.of("-P", "-q", "-b", bootstrapServers, "-t", topic, "-K", "\t"), lines.toString());
    }

    /**
     * Sends one message keyed {@code key} with exactly the bytes of {@code value} (newlines included: kcat sends a
     * file as one message); a null value is sent as a null value (a tombstone). kcat skips empty files and empty
     * input lines, so an empty or null value goes as the line "key:" split at a key delimiter (-K), which kcat
     * sends with an empty value, or with -Z a null one; such keys must not hold ':'.
     */
    public void send(String topic, String key, byte[] value) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("-P", "-q", "-b", bootstrapServers, "-t", topic));
        if (value == null || value.length == 0) {
            arguments.addAll(value == null ? List.of("-K", ":", "-Z") : List.of("-K", ":"));
            run(arguments, key + ":\n");
            return;
        }
        Path file = Files.createTempFile("kcat", ".bin");
        try {
            Files.write(file, value);
            arguments.addAll(List.of("-k", key, file.toString()));
            run(arguments, "");
        } finally {
            Files.delete(file);
        }
    }

    /** Every record of {@code topic}, read from the beginning to the current end. */
    public List<StoredRecord> readAll(String topic) throws IOException, InterruptedException {
        String output = run(List.of("-C", "-q", "-e", "-b", bootstrapServers, "-t", topic, "-f", "%p\t%k\t%s\n"), "");
        List<StoredRecord> records = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isEmpty()) {
                String[] fields = line.split("\t", 3);
                records.add(new StoredRecord(Integer.parseInt(fields[0]), fields[1], fields[2]));
            }
        }
        return records;
    }

    private static String run(List<String> arguments, String input) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(arguments);
        Path errors = Files.createTempFile("kcat", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kcat did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kcat exited with " + process.exitValue() + ": " + Files.readString(errors));
            }
            return new String(output, StandardCharsets.UTF_8);
        } finally {
            Files.delete(errors);
        }
    }
}
