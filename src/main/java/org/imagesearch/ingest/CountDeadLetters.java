package org.imagesearch.ingest;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.imagesearch.metrics.StageTimer;

/**
 * Counts dead letters per stage in the Flink metric {@code imagesearch.stage.<stage>.dead_lettered}: the stage is a
 * key-value group, so reporters that take labels (Prometheus) give it as {@code stage="load"}.
 */
public final class CountDeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {
    private transient Map<Stage, Counter> counters;

    @Override
    public void open(OpenContext context) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(StageTimer.GROUP);
        counters = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            counters.put(stage, group.addGroup("stage", stage.label()).counter("dead_lettered"));
        }
    }

    @Override
    public DeadLetter map(DeadLetter letter) {
        counters.get(Stage.ofLabel(letter.stage())).inc();
        return letter;
    }
}
