package org.imagesearch.ingest;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** Counts dead letters per stage in the Flink metric {@code imagesearch.dead_letters.<stage>}. */
public final class CountDeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {
    private transient Map<Stage, Counter> counters;

    @Override
    public void open(OpenContext context) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("imagesearch").addGroup("dead_letters");
        counters = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            counters.put(stage, group.counter(stage.label()));
        }
    }

    @Override
    public DeadLetter map(DeadLetter letter) {
        counters.get(Stage.ofLabel(letter.stage())).inc();
        return letter;
    }
}
