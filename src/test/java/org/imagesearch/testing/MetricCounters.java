package org.imagesearch.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.imagesearch.metrics.InJvmReporter;

/**
 * A Flink metric reporter that keeps every counter a MiniCluster in this JVM registers, by name, so that a test
 * can read a job's counters after the job has ended.
 */
public final class MetricCounters extends InJvmReporter {
    private static final Map<String, List<Counter>> BY_NAME = new ConcurrentHashMap<>();

    /** The configuration with this reporter added. */
    public static Configuration reportingTo(Configuration config) {
        return reportingTo(config, "test_counters", MetricCounters.class);
    }

    /** The sum of every counter named {@code name} (the last part, e.g. {@code load_retries}) registered so far. */
    public static long sum(String name) {
        return BY_NAME.getOrDefault(name, List.of()).stream().mapToLong(Counter::getCount).sum();
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (metric instanceof Counter counter) {
            BY_NAME.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(counter);
        }
    }

    /** Kept: the test reads a job's counters once the job, and its metrics, are gone. */
    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    }
}
