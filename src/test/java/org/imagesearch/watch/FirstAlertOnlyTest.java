package org.imagesearch.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The dedupe under Flink's keyed harness: each pair passes once, also after a restore from a snapshot. */
class FirstAlertOnlyTest {
    @Test
    void eachPairPassesOnceAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            harness.open();
            harness.processElement(new Alert(1, 10, 0.05, 100), 0);
            harness.processElement(new Alert(1, 10, 0.04, 200), 0);
            harness.processElement(new Alert(2, 10, 0.07, 300), 0);
            harness.processElement(new Alert(1, 11, 0.08, 400), 0);
            assertEquals(List.of("1:10", "2:10", "1:11"), pairs(harness.extractOutputValues()));
            assertEquals(0.05, harness.extractOutputValues().get(0).distance(), "the first alert is the one kept");
            snapshot = harness.snapshot(1, 500);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(new Alert(1, 10, 0.05, 600), 0);
            restored.processElement(new Alert(2, 10, 0.07, 700), 0);
            restored.processElement(new Alert(2, 11, 0.01, 800), 0);
            assertEquals(List.of("2:11"), pairs(restored.extractOutputValues()));
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new FirstAlertOnly()),
                Alert::pair, Types.STRING);
    }

    private static List<String> pairs(List<Alert> alerts) {
        return alerts.stream().map(Alert::pair).toList();
    }
}
