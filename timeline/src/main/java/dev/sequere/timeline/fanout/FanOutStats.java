package dev.sequere.timeline.fanout;

/**
 * Counters of the fan-out engine since the {@code Timelines} instance was built.
 *
 * @param pending fan-outs submitted and not finished (queued or running)
 * @param completed fan-outs finished, successfully or not
 * @param failed fan-outs abandoned after their retries were exhausted
 * @param delivered entries newly added to followers' feeds (filter feeds included; a retried or
 *     repeated delivery that found the entry already there is not counted)
 * @param retries storage calls retried after a {@code BackendException}
 */
public record FanOutStats(long pending, long completed, long failed, long delivered, long retries) {
}
