package org.imagesearch.embed;

/**
 * The one place that sets PyTorch's threading for this project, before DJL starts its engine. PyTorch's
 * default of one intra-op thread pool per core oversubscribes the CPU when every core already runs its own
 * inference thread (one per Flink slot or service worker); one intra-op and one inter-op thread each
 * measured fastest (README, Performance). The graph optimizer is off because it only lengthens the warm-up
 * of TorchScript models. A value given with {@code -D} wins.
 */
public final class TorchThreads {
    private TorchThreads() {}

    public static synchronized void configure() {
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
