package org.imagesearch.testing;

import java.nio.file.Path;
import org.imagesearch.local.EmbeddedKafka;

/**
 * An {@link EmbeddedKafka} broker as a process of its own, so a test can kill it and start it again on the same
 * ports and log folder. Arguments: log folder, broker port, controller port.
 */
public final class BrokerMain {
    public static final String READY = "broker ready";

    private BrokerMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka.startKeeping(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        System.out.println(READY);
        Thread.currentThread().join();
    }
}
