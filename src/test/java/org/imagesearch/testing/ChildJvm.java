package org.imagesearch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A main class of the test classpath in a JVM of its own, its output in a log file, so a test can kill it as a
 * crash would. Every child still running when the test JVM ends is killed by a shutdown hook.
 */
public final class ChildJvm implements AutoCloseable {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} of the test classpath with {@code args}; its standard output and error go to {@code log}. */
    public static ChildJvm start(Path log, String mainClass, List<String> args) throws IOException {
        return start(log, System.getProperty("java.class.path"), List.of("-Xmx1g"), mainClass, args);
    }

    /** Starts {@code mainClass} of {@code classpath} in a JVM with {@code jvmOptions}. */
    public static ChildJvm start(Path log, String classpath, List<String> jvmOptions, String mainClass, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        RUNNING.add(process);
        return new ChildJvm(process, log);
    }

    /** Waits for a line matching {@code pattern} and returns its first group (or the whole match). */
    public String awaitLine(Pattern pattern, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<String> found = find(pattern);
            if (found.isPresent()) {
                return found.get();
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no line matching " + pattern + " (" + (process.isAlive() ? "timed out"
                        : "exited " + process.exitValue()) + "); output:\n" + tail());
            }
            Thread.sleep(200);
        }
    }

    private Optional<String> find(Pattern pattern) throws IOException {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return Optional.of(matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
            }
        }
        return Optional.empty();
    }

    /** The last lines of the output, for failure messages. */
    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash or an OOM killer would: no hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        RUNNING.remove(process);
    }

    /** SIGTERM, as a planned stop: the shutdown hooks run. Returns the exit code. */
    public int terminate(Duration limit) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running " + limit.toSeconds() + " s after SIGTERM");
        }
        RUNNING.remove(process);
        return process.exitValue();
    }

    /** The log file's name: which process this is, in failure messages. */
    @Override
    public String toString() {
        return log.getFileName().toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
