package org.imagesearch.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ReadDeadlineTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    /** Waits like a blocked system call: deaf to interrupts. */
    private static void hangUntil(CountDownLatch latch) {
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                // ignored, as the kernel would
            }
        }
    }

    @Test
    void aReadThatHangsIsRejectedAtTheDeadline() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try {
            ImageRejectedException e = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> assertThrows(
                    ImageRejectedException.class, () -> ReadDeadline.within(TIMEOUT, "file:///hanging.png", () -> {
                        hangUntil(never);
                        return new byte[0];
                    })));

            assertEquals(ImageRejectedException.Step.LOAD, e.step());
            assertTrue(e.getMessage().contains("timed out reading file:///hanging.png after 300 ms"), e.getMessage());
        } finally {
            never.countDown();
        }
    }

    @Test
    void aReadInTimeGivesItsBytes() throws Exception {
        assertArrayEquals(new byte[] {1, 2, 3}, ReadDeadline.within(TIMEOUT, "x", () -> new byte[] {1, 2, 3}));
    }

    @Test
    void aRejectionInsideTheReadIsPassedOn() {
        ImageRejectedException rejection = new ImageRejectedException(ImageRejectedException.Step.LOAD, "too big");

        assertSame(rejection, assertThrows(ImageRejectedException.class, () -> ReadDeadline.within(TIMEOUT, "x", () -> {
            throw rejection;
        })));
    }
}
