package org.imagesearch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class StageTimerTest {
    private final Map<String, Histogram> histograms = new HashMap<>();

    private final MetricGroup operator = new UnregisteredMetricsGroup() {
        @Override
        public MetricGroup addGroup(String name) {
            assertEquals(StageTimer.GROUP, name);
            return this;
        }

        @Override
        public <H extends Histogram> H histogram(String name, H histogram) {
            histograms.put(name, histogram);
            return histogram;
        }
    };

    @Test
    void recordsCpuAndWallTimeOfTheStageOnThisThread() {
        StageTimer timer = StageTimer.register(operator, "decode");
        StageTimer.Start start = timer.start();
        long spin = System.nanoTime() + 5_000_000;
        while (System.nanoTime() < spin) {
            Thread.onSpinWait();
        }
        start.stop();

        Histogram cpu = histograms.get("decode_cpu_us");
        Histogram latency = histograms.get("decode_latency_us");
        assertEquals(1, cpu.getCount());
        assertEquals(1, latency.getCount());
        assertTrue(latency.getStatistics().getMax() >= 5_000, "5 ms spent, in microseconds");
        assertTrue(cpu.getStatistics().getMax() > 0, "the spin used CPU");
    }
}
