/**
 * Fan-out on write: delivering an action to the private timelines of its actor's followers on
 * the application's executor, in batches, with retries ({@link dev.sequere.timeline.fanout.FanOutEngine}).
 */
@NullMarked
package dev.sequere.timeline.fanout;

import org.jspecify.annotations.NullMarked;
