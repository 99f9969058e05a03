/**
 * Chirp: a small Twitter-like service on Sequere and its Spring module. Users sign up, follow
 * each other and post; the home page shows the posts of those they follow, newest first. Run
 * {@link dev.sequere.examples.chirp.ChirpApp}.
 */
@NullMarked
package dev.sequere.examples.chirp;

import org.jspecify.annotations.NullMarked;
