/**
 * Runnable programs that show Sequere in use, starting with {@link dev.sequere.examples.Walkthrough},
 * django-sequere's README walkthrough replayed on the in-memory backend.
 */
@NullMarked
package dev.sequere.examples;

import org.jspecify.annotations.NullMarked;
