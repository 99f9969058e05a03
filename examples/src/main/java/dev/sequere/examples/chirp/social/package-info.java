/** Who follows whom in chirp: follow and unfollow with django-sequere's answers, profiles, lists. */
@NullMarked
package dev.sequere.examples.chirp.social;

import org.jspecify.annotations.NullMarked;
