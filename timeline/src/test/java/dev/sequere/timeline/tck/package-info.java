/**
 * The timeline conformance kit: {@link dev.sequere.timeline.tck.TimelineContract}, shipped in the
 * test-jar of {@code sequere-timeline}, which every backend module runs against its real servers
 * with a few-line subclass.
 */
@NullMarked
package dev.sequere.timeline.tck;

import org.jspecify.annotations.NullMarked;
