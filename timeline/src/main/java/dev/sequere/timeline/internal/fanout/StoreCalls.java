package dev.sequere.timeline.internal.fanout;

import dev.sequere.timeline.fanout.RetryPolicy;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Every storage call of the timeline goes through here: run under the {@link RetryPolicy},
 * retries counted. Only idempotent calls are made, so a retry after a lost reply is harmless.
 */
public final class StoreCalls {

    private final RetryPolicy retry;
    private final LongAdder retries = new LongAdder();

    /**
     * Creates the wrapper.
     *
     * @param retry the policy
     */
    public StoreCalls(RetryPolicy retry) {
        this.retry = retry;
    }

    /**
     * Runs a storage call under the retry policy.
     *
     * @param call an idempotent storage call
     * @param <T> its result type
     * @return its result
     */
    public <T> T call(Supplier<T> call) {
        return retry.call(call, retries);
    }

    /**
     * Runs a storage call without result under the retry policy.
     *
     * @param call an idempotent storage call
     */
    public void run(Runnable call) {
        retry.call(() -> {
            call.run();
            return null;
        }, retries);
    }

    /**
     * Calls retried so far.
     *
     * @return the count
     */
    public long retries() {
        return retries.sum();
    }
}
