package org.imagesearch.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.imagesearch.json.Json;
import org.imagesearch.metrics.InJvmReporter;
import org.imagesearch.metrics.StageTimer;

/**
 * A Flink metric reporter that keeps, in this JVM, the job's {@link StageTimer} histograms, so that a benchmark
 * running the job on a MiniCluster can report CPU milliseconds per image by stage. Registered for the
 * benchmark's MiniCluster only (see {@link #reportingTo}).
 */
public final class StageHistograms extends InJvmReporter {
    private static final String NAME = "bench_stages";
    private static final String SUFFIX = "_cpu_us";
    private static final Map<String, List<Histogram>> CPU_BY_STAGE = new ConcurrentHashMap<>();

    /** The configuration with this reporter added. */
    static Configuration reportingTo(Configuration config) {
        return reportingTo(config, NAME, StageHistograms.class);
    }

    /** Forgets the histograms of earlier runs in this JVM. */
    static void reset() {
        CPU_BY_STAGE.clear();
    }

    /**
     * Mean CPU milliseconds per image of each stage, over the samples every subtask holds: recent ones,
     * up to the histograms' window, which a benchmark's backlog fills.
     */
    static ObjectNode cpuMillisPerImage() {
        Map<String, Double> means = new TreeMap<>();
        CPU_BY_STAGE.forEach((stage, histograms) -> {
            double sum = 0;
            long count = 0;
            for (Histogram h : histograms) {
                long n = h.getStatistics().size();
                sum += h.getStatistics().getMean() * n;
                count += n;
            }
            if (count > 0) {
                means.put(stage, sum / count / 1000);
            }
        });
        ObjectNode json = Json.object();
        means.forEach((stage, ms) -> json.put(stage, Json.rounded(ms, 2)));
        return json;
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        String stage = stageOf(metric, name, group);
        if (stage != null) {
            CPU_BY_STAGE.computeIfAbsent(stage, s -> new CopyOnWriteArrayList<>()).add((Histogram) metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        String stage = stageOf(metric, name, group);
        if (stage != null) {
            CPU_BY_STAGE.getOrDefault(stage, List.of()).remove(metric);
        }
    }

    private static String stageOf(Metric metric, String name, MetricGroup group) {
        String[] scope = group.getScopeComponents();
        boolean ours = scope.length > 0 && scope[scope.length - 1].equals(StageTimer.GROUP);
        return ours && metric instanceof Histogram && name.endsWith(SUFFIX)
                ? name.substring(0, name.length() - SUFFIX.length()) : null;
    }
}
