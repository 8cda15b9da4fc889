package org.imagesearch.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imagesearch.json.Json;

/** What a benchmark ran on, printed with its numbers so they can be compared across machines. */
public final class MachineInfo {
    private MachineInfo() {}

    public static ObjectNode describe() {
        ObjectNode node = Json.object();
        node.put("cores", Runtime.getRuntime().availableProcessors());
        node.put("cpu", cpuModel());
        node.put("memory_gb", Math.round(totalMemoryBytes() / (1024.0 * 1024 * 1024)));
        node.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        node.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        // the machine's runnable processes over the last minute, the benchmark's own included: well above the
        // cores means something else shared them while the figures were taken (-1 where the OS does not say)
        node.put("load_average_1m", Json.rounded(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2));
        return node;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long totalMemoryBytes() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }
}
