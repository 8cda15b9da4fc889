package org.imagesearch.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedQueryEmbedderTest {
    private static final QueryTarget.ByImage IMAGE = new QueryTarget.ByImage(new byte[1], null);

    @Test
    void noMoreThanThePermitsEmbedAtOnceAndTheRestAreTurnedAwayAfterTheWait() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        QueryImageEmbedder slow = target -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
            return new float[] {1};
        };
        BoundedQueryEmbedder bounded = new BoundedQueryEmbedder(slow, 2, Duration.ofMillis(50));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<float[]>> holding = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                holding.add(pool.submit(() -> bounded.embed(IMAGE)));
            }
            while (running.get() < 2) {
                Thread.sleep(5);
            }
            assertThrows(ServiceBusyException.class, () -> bounded.embed(IMAGE));
            release.countDown();
            for (Future<float[]> f : holding) {
                assertEquals(1, f.get(5, TimeUnit.SECONDS).length);
            }
            assertEquals(1, bounded.embed(IMAGE).length, "slots are given back");
            assertEquals(2, most.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingEmbedGivesItsSlotBack() throws Exception {
        BoundedQueryEmbedder bounded = new BoundedQueryEmbedder(target -> {
            throw new InvalidQueryException("bad image");
        }, 1, Duration.ofMillis(10));
        for (int i = 0; i < 3; i++) {
            assertEquals("bad image", assertThrows(InvalidQueryException.class, () -> bounded.embed(IMAGE)).getMessage());
        }
    }
}
