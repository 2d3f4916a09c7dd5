package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrderlyShutdownTest {

    @Test
    void aServersHookClosesAtOnceWhenNoCommandClaimedTheShutdown() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = OrderlyShutdown.hook("test-hook", closed::countDown);

        hook.start();

        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aServersHookWaitsUntilTheCommandThatClaimedTheShutdownReleasesIt() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        AutoCloseable claim = OrderlyShutdown.claim();
        Thread hook = OrderlyShutdown.hook("test-hook", closed::countDown);
        try {
            hook.start();

            assertThat(closed.await(300, TimeUnit.MILLISECONDS))
                    .as("closed while the command still stops things in order")
                    .isFalse();
            assertThat(hook.getState()).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
        } finally {
            claim.close();
        }
        assertThat(closed.await(10, TimeUnit.SECONDS))
                .as("closed once the claim is released")
                .isTrue();
    }

    @Test
    void releasingAClaimTwiceReleasesItOnce() throws Exception {
        AutoCloseable first = OrderlyShutdown.claim();
        AutoCloseable second = OrderlyShutdown.claim();
        first.close();
        first.close();
        CountDownLatch closed = new CountDownLatch(1);
        OrderlyShutdown.hook("test-hook", closed::countDown).start();

        assertThat(closed.await(300, TimeUnit.MILLISECONDS))
                .as("the second claim still holds")
                .isFalse();
        second.close();
        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
