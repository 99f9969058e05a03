/**
 * Fan-out on write: delivering an action to the private timelines of its actor's followers on
 * the application's executor, in batches, with retries: the retry policy ({@link RetryPolicy}) and the counters ({@link FanOutStats}).
 */
@NullMarked
package dev.sequere.timeline.fanout;

import org.jspecify.annotations.NullMarked;
