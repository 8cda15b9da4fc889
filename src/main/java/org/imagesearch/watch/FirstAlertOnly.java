package org.imagesearch.watch;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes the first alert of each (watch, image) pair, keyed by {@link Alert#pair}. The flag is keyed state, so it
 * is in every checkpoint and savepoint: a replay after a restart, or the same image ingested again, alerts no more.
 * Together with the transactional alert sink, whose writes commit with the checkpoint that holds the flag, each
 * pair is alerted exactly once. The state keeps one flag per alerted pair, which grows with the alerts only.
 */
public final class FirstAlertOnly extends KeyedProcessFunction<String, Alert, Alert> {
    private transient ValueState<Boolean> alerted;

    @Override
    public void open(OpenContext context) {
        alerted = getRuntimeContext().getState(new ValueStateDescriptor<>("alerted", Types.BOOLEAN));
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<Alert> out) throws Exception {
        if (alerted.value() == null) {
            alerted.update(true);
            out.collect(alert);
        }
    }
}
