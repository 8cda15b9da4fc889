package org.imagesearch.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** MicroBatches under Flink's operator test harness, whose processing time the test sets. */
class MicroBatchesTest {
    @Test
    void aFullBatchLeavesAtOnceInOrder() throws Exception {
        try (var harness = harness(3, 50)) {
            for (int i = 1; i <= 7; i++) {
                harness.processElement(i, i);
            }
            assertEquals(List.of(List.of(1, 2, 3), List.of(4, 5, 6)), harness.extractOutputValues());
            assertEquals(6, harness.extractOutputStreamRecords().get(1).getTimestamp()); // its newest record's
        }
    }

    @Test
    void aPartBatchLeavesWhenItsFirstRecordHasWaitedLongEnough() throws Exception {
        try (var harness = harness(8, 50)) {
            harness.setProcessingTime(1_000);
            harness.processElement(1, 0);
            harness.setProcessingTime(1_030);
            harness.processElement(2, 0);
            harness.setProcessingTime(1_049);
            assertEquals(List.of(), harness.extractOutputValues());
            harness.setProcessingTime(1_050);
            assertEquals(List.of(List.of(1, 2)), harness.extractOutputValues());
            harness.processElement(3, 0); // a new batch, a new deadline
            harness.setProcessingTime(1_099);
            assertEquals(1, harness.extractOutputValues().size());
            harness.setProcessingTime(1_100);
            assertEquals(List.of(List.of(1, 2), List.of(3)), harness.extractOutputValues());
        }
    }

    @Test
    void nothingWaitsAcrossACheckpointAWatermarkOrTheEndOfInput() throws Exception {
        try (var harness = harness(8, 60_000)) {
            harness.processElement(1, 0);
            harness.prepareSnapshotPreBarrier(1);
            harness.processElement(2, 0);
            harness.processWatermark(new Watermark(5));
            harness.processElement(3, 0);
            harness.getOperator().finish(); // as a bounded input's end does
            assertEquals(List.of(List.of(1), List.of(2), List.of(3)), harness.extractOutputValues());
            assertEquals(new Watermark(5), harness.getOutput().stream().filter(Watermark.class::isInstance).findFirst().orElseThrow());
        }
    }

    @Test
    void aBatchOfOneIsEveryRecordAlone() throws Exception {
        try (var harness = harness(1, 0)) {
            harness.processElement(1, 0);
            harness.processElement(2, 0);
            assertEquals(List.of(List.of(1), List.of(2)), harness.extractOutputValues());
        }
    }

    @Test
    void refusesAnEmptyBatchOrANegativeWait() {
        assertThrows(IllegalArgumentException.class, () -> new MicroBatches<Integer>(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new MicroBatches<Integer>(4, -1));
    }

    private static OneInputStreamOperatorTestHarness<Integer, List<Integer>> harness(int size, long waitMillis)
            throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<>(new MicroBatches<Integer>(size, waitMillis));
        harness.open();
        return harness;
    }
}
