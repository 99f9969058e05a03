/**
 * How timelines map onto the SPI's feeds: feed names per timeline and filter
 * ({@link dev.sequere.timeline.feed.FeedNames}), read markers
 * ({@link dev.sequere.timeline.internal.feed.ReadMarkers}) and bounds
 * ({@link dev.sequere.timeline.feed.Bounds}, {@link dev.sequere.timeline.internal.feed.FeedTrimmer}).
 */
@NullMarked
package dev.sequere.timeline.feed;

import org.jspecify.annotations.NullMarked;
