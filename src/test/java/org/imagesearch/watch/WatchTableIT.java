package org.imagesearch.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.imagesearch.config.Settings;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The watch table as the watch operator's subtasks create it: all when they open, at the same moment. */
@ExtendWith(RealServices.class)
class WatchTableIT {
    private static final int SUBTASKS = 8;

    private final TestServices services;

    WatchTableIT(TestServices services) {
        this.services = services;
    }

    @Test
    void subtasksOpeningTogetherEachCreateTheTableWithoutFailing() throws Exception {
        for (int round = 0; round < 5; round++) {
            Settings.Database database = services.database(TestServices.uniqueName("watch_create"));
            WatchTable table = new WatchTable(database.table());
            CyclicBarrier together = new CyclicBarrier(SUBTASKS);
            ExecutorService subtasks = Executors.newFixedThreadPool(SUBTASKS);
            try {
                List<Future<?>> opened = new ArrayList<>();
                for (int i = 0; i < SUBTASKS; i++) {
                    opened.add(subtasks.submit(() -> {
                        try (Connection connection = PostgresConnections.open(database)) {
                            together.await(30, TimeUnit.SECONDS);
                            table.create(connection);
                        }
                        return null;
                    }));
                }
                for (Future<?> subtask : opened) {
                    subtask.get(60, TimeUnit.SECONDS); // rethrows a failed CREATE
                }
            } finally {
                subtasks.shutdownNow();
            }
            try (Connection connection = PostgresConnections.open(database)) {
                assertEquals(List.of(), table.list(connection));
            }
        }
    }
}
