package org.imagesearch.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/**
 * Flink's one-input operator test harness on a task whose metrics can be read back by name: the harness's
 * default task metric group registers them nowhere.
 */
public final class MeteredHarness<IN, OUT> implements AutoCloseable {
    private final Map<String, Metric> metrics;
    private final MockEnvironment environment;
    private final OneInputStreamOperatorTestHarness<IN, OUT> harness;

    private MeteredHarness(Map<String, Metric> metrics, MockEnvironment environment,
                           OneInputStreamOperatorTestHarness<IN, OUT> harness) {
        this.metrics = metrics;
        this.environment = environment;
        this.harness = harness;
    }

    /** The harness around {@code operator}, opened (the function's {@code open} has run). */
    public static <IN, OUT> MeteredHarness<IN, OUT> open(OneInputStreamOperator<IN, OUT> operator) throws Exception {
        return open(environment -> new OneInputStreamOperatorTestHarness<>(operator, environment));
    }

    /** The harness around the operator {@code factory} makes (an async one, say), opened. */
    public static <IN, OUT> MeteredHarness<IN, OUT> open(OneInputStreamOperatorFactory<IN, OUT> factory,
                                                         TypeSerializer<IN> input) throws Exception {
        return open(environment -> new OneInputStreamOperatorTestHarness<>(factory, input, environment));
    }

    private interface HarnessOn<IN, OUT> {
        OneInputStreamOperatorTestHarness<IN, OUT> create(MockEnvironment environment) throws Exception;
    }

    private static <IN, OUT> MeteredHarness<IN, OUT> open(HarnessOn<IN, OUT> harnessOn) throws Exception {
        Map<String, Metric> metrics = new ConcurrentHashMap<>();
        TestingMetricRegistry registry = TestingMetricRegistry.builder()
                .setRegisterConsumer((metric, name, group) -> metrics.put(group.getMetricIdentifier(name), metric))
                .build();
        TaskMetricGroup task = TaskManagerMetricGroup.createTaskManagerMetricGroup(registry, "localhost",
                        ResourceID.generate())
                .addJob(new JobID(), "test-job")
                .addTask(ExecutionAttemptID.randomId(), "test-task");
        MockEnvironment environment = new MockEnvironmentBuilder().setMetricGroup(task).build();
        OneInputStreamOperatorTestHarness<IN, OUT> harness = harnessOn.create(environment);
        harness.open();
        return new MeteredHarness<>(metrics, environment, harness);
    }

    public OneInputStreamOperatorTestHarness<IN, OUT> harness() {
        return harness;
    }

    /** The count of the operator's counter {@code name} (dotted, e.g. {@code imagesearch.stage.load.dead_lettered}). */
    public long count(String name) {
        return metrics.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("." + name))
                .map(entry -> ((Counter) entry.getValue()).getCount())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no counter " + name + " among " + metrics.keySet()));
    }

    @Override
    public void close() throws Exception {
        try {
            harness.close();
        } finally {
            environment.close();
        }
    }
}
