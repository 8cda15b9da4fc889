package org.imagesearch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.imagesearch.json.Json;
import org.junit.jupiter.api.Test;

class RecentStatusTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();

    private RecentStatus status(RecentStatus.Read read) {
        return new RecentStatus(read, Duration.ofSeconds(5), now::get);
    }

    @Test
    void aStatusIsReadAgainOnlyOnceItIsOlderThanItsMaxAge() throws Exception {
        RecentStatus status = status(() -> Json.object().put("read", reads.incrementAndGet()));

        assertEquals(1, status.get().get("read").asInt());
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals(1, status.get().get("read").asInt());
        now.addAndGet(1);
        assertEquals(2, status.get().get("read").asInt());
    }

    @Test
    void callersGetCopiesTheyMayChange() throws Exception {
        RecentStatus status = status(() -> Json.object().put("read", reads.incrementAndGet()));

        status.get().put("read", 99);

        assertEquals(1, status.get().get("read").asInt());
    }

    @Test
    void aFailedReadIsTriedAgainByTheNextCaller() throws Exception {
        RecentStatus status = status(() -> {
            if (reads.incrementAndGet() == 1) {
                throw new SQLException("database unavailable");
            }
            return Json.object().put("read", reads.get());
        });

        assertThrows(SQLException.class, status::get);
        assertEquals(2, status.get().get("read").asInt());
    }
}
