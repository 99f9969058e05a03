/** End-to-end tests of chirp: over HTTP, and through a real headless Chromium. */
@NullMarked
package dev.sequere.examples.chirp;

import org.jspecify.annotations.NullMarked;
