/**
 * Internal to the timeline module (not API: may change in any release). See {@code dev.sequere.timeline}.
 */
@NullMarked
package dev.sequere.timeline.internal.action;

import org.jspecify.annotations.NullMarked;
