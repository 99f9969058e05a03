/**
 * Listeners and the events Sequere reports: follows and unfollows that changed state, forgotten resources, and resources that could no longer be loaded.
 */
@NullMarked
package dev.sequere.event;

import org.jspecify.annotations.NullMarked;
