/**
 * Timelines of what resources do, built on the SPI's feeds: {@link dev.sequere.timeline.Timelines}
 * (configuration, publishing, deletion, fan-out control), {@link dev.sequere.timeline.Timeline}
 * (one resource's private and public timelines and read marker) and
 * {@link dev.sequere.timeline.TimelineQuery} (filters, counts, cursor pages).
 */
@NullMarked
package dev.sequere.timeline;

import org.jspecify.annotations.NullMarked;
