package dev.sequere.timeline.fanout;

import dev.sequere.BackendException;
import dev.sequere.InvalidArgumentException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Retries of storage calls that failed with a {@link BackendException} (connection lost,
 * timeout): exponential backoff with full jitter, so that many writers retrying after an
 * outage do not hit the server in lockstep. Only idempotent calls are retried, which every
 * timeline write is (insert-if-absent entries, removals).
 *
 * @param maxAttempts total attempts, at least 1 (1 means no retry)
 * @param initialBackoff upper bound of the first pause
 * @param maxBackoff upper bound of any pause
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** 5 attempts, pauses up to 20 ms, 40 ms, 80 ms, 160 ms. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(20), Duration.ofSeconds(1));

    /** Validates the policy. */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new InvalidArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new InvalidArgumentException("backoffs must satisfy 0 <= initialBackoff <= maxBackoff");
        }
    }

    /**
     * No retry at all.
     *
     * @return a policy with a single attempt
     */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /**
     * Runs {@code call}, retrying it on {@link BackendException}.
     *
     * @param call an idempotent storage call
     * @param retries incremented once per retry
     * @param <T> the result type
     * @return the call's result
     * @throws BackendException the last failure once attempts are exhausted
     */
    public <T> T call(Supplier<T> call, LongAdder retries) {
        long ceiling = initialBackoff.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (BackendException e) {
                if (attempt >= maxAttempts) {
                    throw e;
                }
                retries.increment();
                sleep(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1), e);
                ceiling = Math.min(maxBackoff.toNanos(), Math.max(1, ceiling) * 2);
            }
        }
    }

    private static void sleep(long nanos, BackendException cause) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }
}
