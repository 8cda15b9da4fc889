package org.imagesearch.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Times one stage of an image's way through the job (load, decode, resize, thumbnail, inference, sink) on the
 * calling thread and records it in two Flink histograms of the operator's group {@value #GROUP}:
 * {@code <stage>_cpu_us} (CPU time of the thread) and {@code <stage>_latency_us} (wall-clock time). The CPU
 * figures tell where the cores go; the latency figures tell where an image waits.
 */
public final class StageTimer {
    public static final String GROUP = "imagesearch";
    /** Enough samples for stable percentiles, small enough to keep per subtask and stage. */
    private static final int WINDOW = 10_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Histogram cpuMicros;
    private final Histogram latencyMicros;

    private StageTimer(Histogram cpuMicros, Histogram latencyMicros) {
        this.cpuMicros = cpuMicros;
        this.latencyMicros = latencyMicros;
    }

    public static StageTimer register(MetricGroup operatorGroup, String stage) {
        MetricGroup group = operatorGroup.addGroup(GROUP);
        return new StageTimer(group.histogram(stage + "_cpu_us", new DescriptiveStatisticsHistogram(WINDOW)),
                group.histogram(stage + "_latency_us", new DescriptiveStatisticsHistogram(WINDOW)));
    }

    /** Starts timing on this thread; pass the result to {@link Start#stop()} on the same thread. */
    public Start start() {
        return new Start(THREADS.getCurrentThreadCpuTime(), System.nanoTime());
    }

    /** A started measurement. */
    public final class Start {
        private final long cpuNanos;
        private final long wallNanos;

        private Start(long cpuNanos, long wallNanos) {
            this.cpuNanos = cpuNanos;
            this.wallNanos = wallNanos;
        }

        public void stop() {
            stopFor(1);
        }

        /**
         * Records {@code images} samples, one per image of a batch done together: each its share of the CPU time, and
         * all of the wall-clock time, which every image of the batch waited.
         */
        public void stopFor(int images) {
            long cpu = (THREADS.getCurrentThreadCpuTime() - cpuNanos) / 1_000 / images;
            long latency = (System.nanoTime() - wallNanos) / 1_000;
            for (int i = 0; i < images; i++) {
                cpuMicros.update(cpu);
                latencyMicros.update(latency);
            }
        }
    }
}
