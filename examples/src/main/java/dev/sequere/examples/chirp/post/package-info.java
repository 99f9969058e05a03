/** Posts: published as timeline actions, read from home and public timelines. */
@NullMarked
package dev.sequere.examples.chirp.post;

import org.jspecify.annotations.NullMarked;
