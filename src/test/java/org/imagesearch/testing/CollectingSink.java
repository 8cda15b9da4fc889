package org.imagesearch.testing;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Sink v2 that keeps every record it is given in a JVM-wide queue: Flink ships a copy of the sink to
 * each task, so the records are found again by the sink's name, from a job run on a MiniCluster in the
 * test's JVM.
 */
public final class CollectingSink<T> implements Sink<T> {
    private static final Map<String, Queue<Object>> RECEIVED = new ConcurrentHashMap<>();
    private final String name;

    private CollectingSink(String name) {
        this.name = name;
    }

    public static <T> CollectingSink<T> create() {
        String name = UUID.randomUUID().toString();
        RECEIVED.put(name, new ConcurrentLinkedQueue<>());
        return new CollectingSink<>(name);
    }

    /** Every record written so far, by all parallel writers. */
    @SuppressWarnings("unchecked")
    public List<T> received() {
        return (List<T>) List.copyOf(RECEIVED.get(name));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Object> queue = RECEIVED.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context writeContext) {
                queue.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
