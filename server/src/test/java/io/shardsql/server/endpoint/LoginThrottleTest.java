package io.shardsql.server.endpoint;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(Duration.ofMillis(100), Duration.ofSeconds(3), now::get);

    @Test
    void theWaitDoublesPerFailureUpToTheCap() {
        assertThat(throttle.delay("a", "1.1.1.1")).isZero();
        throttle.failed("a", "1.1.1.1");
        assertThat(throttle.delay("a", "2.2.2.2")).isEqualTo(Duration.ofMillis(100));
        throttle.failed("a", "1.1.1.1");
        throttle.failed("a", "1.1.1.1");
        assertThat(throttle.delay("a", "2.2.2.2")).isEqualTo(Duration.ofMillis(400));
        for (int i = 0; i < 1000; i++) throttle.failed("a", "1.1.1.1");
        assertThat(throttle.delay("a", "2.2.2.2")).isEqualTo(Duration.ofSeconds(3)); // never a lock-out
    }

    @Test
    void anotherUserFromAnotherAddressIsNotSlowed() {
        for (int i = 0; i < 1000; i++) throttle.failed("a", "1.1.1.1");
        assertThat(throttle.delay("b", "2.2.2.2")).isZero();
        assertThat(throttle.delay("b", "1.1.1.1")).isEqualTo(Duration.ofSeconds(3)); // the same address is
    }

    @Test
    void successClearsTheUserAndTimeForgetsBoth() {
        throttle.failed("a", "1.1.1.1");
        throttle.succeeded("a");
        assertThat(throttle.delay("a", "2.2.2.2")).isZero();
        assertThat(throttle.delay("b", "1.1.1.1")).isEqualTo(Duration.ofMillis(100));
        now.addAndGet(LoginThrottle.FORGET_AFTER.toNanos() + 1);
        assertThat(throttle.delay("b", "1.1.1.1")).isZero();
        assertThat(throttle.failed("a", "1.1.1.1")).isEqualTo(1);
    }
}
