/**
 * Actions and verbs: what a resource did ({@link dev.sequere.timeline.action.Action}), the
 * verbs each resource type may use ({@link dev.sequere.timeline.action.VerbRegistry}) and how an
 * action is stored once as an item body ({@link dev.sequere.timeline.internal.action.ActionCodec}).
 */
@NullMarked
package dev.sequere.timeline.action;

import org.jspecify.annotations.NullMarked;
