/**
 * Timelines of what resources do, built on the SPI's feeds: {@link dev.sequere.timeline.Timelines}
 * (configuration, publishing, deletion, fan-out control), {@link dev.sequere.timeline.Timeline}
 * (one resource's private and public timelines and read marker) and
 * {@link dev.sequere.timeline.TimelineQuery} (filters, counts, cursor pages).
 *
 * <p>API: this package and {@code .action}, {@code .fanout}, {@code .feed}. Packages under
 * {@code dev.sequere.timeline.internal} (the job engine, the fan-out, follow-sync and delete
 * protocols, the action codec) are not API and may change in any release.
 */
@NullMarked
package dev.sequere.timeline;

import org.jspecify.annotations.NullMarked;
