package org.imagesearch.testing;

import java.util.List;
import java.util.Queue;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** The values an operator under a test harness emitted on a side output (the harness keeps none until one). */
public final class SideOutputs {
    private SideOutputs() {}

    public static <T> List<T> of(AbstractStreamOperatorTestHarness<?> harness, OutputTag<T> tag) {
        Queue<StreamRecord<T>> records = harness.getSideOutput(tag);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }
}
