package org.imagesearch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds used so far by this JVM and by the local PostgreSQL server processes (read from /proc),
 * to show where the cores go during ingestion: inference in the JVM, HNSW inserts in PostgreSQL.
 */
record CpuTime(double jvmSeconds, double postgresSeconds) {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    static CpuTime now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new CpuTime(os.getProcessCpuTime() / 1e9, postgresProcessesSeconds());
    }

    CpuTime minus(CpuTime earlier) {
        return new CpuTime(jvmSeconds - earlier.jvmSeconds, postgresSeconds - earlier.postgresSeconds);
    }

    private static double postgresProcessesSeconds() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .mapToDouble(CpuTime::postgresTicks).sum() / TICKS_PER_SECOND;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** utime + stime of one process if it is a postgres server process, else 0. */
    private static double postgresTicks(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (!stat.substring(open + 1, close).equals("postgres")) {
                return 0;
            }
            String[] fields = stat.substring(close + 2).split(" ");
            // after "(comm) ", field 0 is state; utime and stime are fields 11 and 12
            return Double.parseDouble(fields[11]) + Double.parseDouble(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended while we looked
        }
    }
}
