package org.imagesearch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.imagesearch.metrics.StageTimer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StageHistogramsTest {
    private final StageHistograms reporter = new StageHistograms();

    private static MetricGroup group(String... scope) {
        return new UnregisteredMetricsGroup() {
            @Override
            public String[] getScopeComponents() {
                return scope;
            }
        };
    }

    private static DescriptiveStatisticsHistogram samples(long... micros) {
        DescriptiveStatisticsHistogram h = new DescriptiveStatisticsHistogram(100);
        for (long m : micros) {
            h.update(m);
        }
        return h;
    }

    @AfterEach
    void forget() {
        StageHistograms.reset();
    }

    @Test
    void averagesTheCpuSamplesOfAllSubtasksPerStageInMilliseconds() {
        MetricGroup ours = group("localhost", "taskmanager", "job", "decode-image", "0", StageTimer.GROUP);
        reporter.notifyOfAddedMetric(samples(1000, 3000), "decode_cpu_us", ours);
        reporter.notifyOfAddedMetric(samples(5000), "decode_cpu_us", ours);
        reporter.notifyOfAddedMetric(samples(9_000_000), "decode_latency_us", ours);
        reporter.notifyOfAddedMetric(samples(7000), "other_cpu_us", group("job", "operator"));

        assertEquals("{\"decode\":3.0}", StageHistograms.cpuMillisPerImage().toString());
    }

    @Test
    void aRemovedHistogramNoLongerCounts() {
        MetricGroup ours = group("job", StageTimer.GROUP);
        DescriptiveStatisticsHistogram first = samples(2000);
        reporter.notifyOfAddedMetric(first, "embed_cpu_us", ours);
        reporter.notifyOfAddedMetric(samples(4000), "embed_cpu_us", ours);
        reporter.notifyOfRemovedMetric(first, "embed_cpu_us", ours);

        assertEquals("{\"embed\":4.0}", StageHistograms.cpuMillisPerImage().toString());
    }
}
