package org.imagesearch.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.imagesearch.config.TableSpec;
import org.imagesearch.embed.DistanceMetric;
import org.junit.jupiter.api.Test;

/** When the followed table looks again: on first use, then once its last look is the recheck interval old. */
class FollowedTableTest {
    private static final TableSpec OLD = new TableSpec("image_search", 512, DistanceMetric.COSINE, 16, 64);
    private static final TableSpec NEW = OLD.withName("image_search_v2");

    private final AtomicLong clock = new AtomicLong();
    private final List<FollowedTable.Target> seen = new ArrayList<>();
    private TableSpec aliasTarget = OLD;

    private FollowedTable following() {
        return new FollowedTable((connection, current) -> {
            seen.add(current);
            return current != null && current.table().equals(aliasTarget) ? current
                    : new FollowedTable.Target(aliasTarget, null);
        }, null, FollowedTable.RECHECK, clock::get);
    }

    @Test
    void looksOnFirstUseThenNotAgainWithinTheRecheckInterval() throws Exception {
        FollowedTable table = following();

        assertEquals(OLD, table.current(null).table());
        aliasTarget = NEW;
        clock.addAndGet(FollowedTable.RECHECK.toNanos() - 1);
        assertEquals(OLD, table.current(null).table());
        assertEquals(1, seen.size());
    }

    @Test
    void aSwitchIsSeenOnceTheLastLookIsTheIntervalOld() throws Exception {
        FollowedTable table = following();
        FollowedTable.Target first = table.current(null);

        aliasTarget = NEW;
        clock.addAndGet(FollowedTable.RECHECK.toNanos());
        assertEquals(NEW, table.current(null).table());
        assertSame(first, seen.get(1), "the lookup is handed the target searched until then");
        aliasTarget = OLD;
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(OLD, table.current(null).table());
    }

    @Test
    void aFixedTableNeverLooks() throws Exception {
        FollowedTable table = FollowedTable.fixed(OLD);

        assertEquals(OLD, table.current(null).table());
        assertEquals(null, table.current(null).imageRefusal());
    }
}
