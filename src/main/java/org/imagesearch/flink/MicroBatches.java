package org.imagesearch.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Groups a subtask's records, in their order, into lists of up to {@code maxSize}, so that the next operator can work
 * on several at once (the model runs a batch of images in less CPU per image than one at a time). A list leaves when
 * it is full, {@code maxWaitMillis} after its first record came (so a trickle is not held back), before every
 * checkpoint barrier and watermark, and at the end of the input: no record waits across a checkpoint, so the operator
 * keeps no state, and a restore re-reads what was held from the source.
 *
 * <p>Records are held, not copied: the operator must follow one that emits a new object per record, as every operator
 * of this project does (records that come over the network are always new objects).
 */
public final class MicroBatches<T> extends AbstractStreamOperator<List<T>> implements OneInputStreamOperator<T, List<T>> {
    private final int maxSize;
    private final long maxWaitMillis;
    private transient List<T> batch;
    private transient long timestamp;
    private transient boolean hasTimestamp;
    private transient ScheduledFuture<?> deadline;

    public MicroBatches(int maxSize, long maxWaitMillis) {
        if (maxSize < 1 || maxWaitMillis < 0) {
            throw new IllegalArgumentException("need a batch size >= 1 and a wait >= 0 ms, got " + maxSize + " and "
                    + maxWaitMillis);
        }
        this.maxSize = maxSize;
        this.maxWaitMillis = maxWaitMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        batch = new ArrayList<>(maxSize);
    }

    @Override
    public void processElement(StreamRecord<T> record) {
        batch.add(record.getValue());
        // the batch leaves with its newest record's timestamp, as a window's result does
        hasTimestamp = record.hasTimestamp();
        timestamp = record.getTimestamp();
        if (batch.size() >= maxSize) {
            emit();
        } else if (batch.size() == 1) {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            deadline = getProcessingTimeService().registerTimer(now + maxWaitMillis, time -> emit());
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        emit();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) {
        emit();
    }

    @Override
    public void finish() throws Exception {
        emit();
        super.finish();
    }

    private void emit() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        if (batch.isEmpty()) {
            return;
        }
        List<T> full = batch;
        batch = new ArrayList<>(maxSize);
        output.collect(hasTimestamp ? new StreamRecord<>(full, timestamp) : new StreamRecord<>(full));
    }
}
