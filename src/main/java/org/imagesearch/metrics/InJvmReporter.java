package org.imagesearch.metrics;

import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter that hands a MiniCluster's metrics to code in the same JVM (a benchmark, a test), which
 * reads them from the subclass's static state: the reporter instance Flink makes is not reachable from outside.
 * Nothing to open or close; Flink finds the factory through {@code META-INF/services}.
 */
public abstract class InJvmReporter implements MetricReporter, MetricReporterFactory {
    /** {@code config} with reporter {@code name} of class {@code reporter} added. */
    protected static Configuration reportingTo(Configuration config, String name,
                                               Class<? extends InJvmReporter> reporter) {
        config.setString("metrics.reporter." + name + ".factory.class", reporter.getName());
        return config;
    }

    @Override
    public final MetricReporter createMetricReporter(Properties properties) {
        return this;
    }

    @Override
    public final void open(MetricConfig config) {
    }

    @Override
    public final void close() {
    }
}
