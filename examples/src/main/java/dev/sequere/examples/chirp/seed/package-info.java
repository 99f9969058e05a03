/**
 * Fills chirp with a realistic graph to try it at size: many users, power-law followers, many
 * posts spread over the past weeks, with a progress bar on the terminal.
 */
@NullMarked
package dev.sequere.examples.chirp.seed;

import org.jspecify.annotations.NullMarked;
