package dev.sequere.timeline.internal.job;

import dev.sequere.timeline.internal.fanout.StoreCalls;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * How timeline jobs run.
 *
 * @param executor runs jobs created by this process (the caller's thread by default)
 * @param maxLocalJobs jobs handed to the executor at once; beyond, the caller runs them
 * @param workers threads that take over jobs whose lease ended (0: none in this process)
 * @param lease how long a holder keeps a job between two progress saves
 * @param pollInterval how long an idle worker waits between two claims
 * @param calls storage calls under the retry policy
 */
public record JobSettings(Executor executor, int maxLocalJobs, int workers, Duration lease, Duration pollInterval,
        StoreCalls calls) {
}
