package dev.sequere.timeline.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.BackendException;
import dev.sequere.InvalidArgumentException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2));

    @Test
    void retriesBackendErrorsUntilSuccess() {
        AtomicInteger calls = new AtomicInteger();
        LongAdder retries = new LongAdder();
        String result = policy.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new BackendException("down");
            }
            return "ok";
        }, retries);
        assertThat(result).isEqualTo("ok");
        assertThat(retries.sum()).isEqualTo(2);
    }

    @Test
    void givesUpAfterTheLastAttemptAndNeverRetriesOtherErrors() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> policy.call(() -> {
            calls.incrementAndGet();
            throw new BackendException("down");
        }, new LongAdder())).isInstanceOf(BackendException.class);
        assertThat(calls).hasValue(3);
        calls.set(0);
        assertThatThrownBy(() -> policy.call(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("bug");
        }, new LongAdder())).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(InvalidArgumentException.class);
    }
}
