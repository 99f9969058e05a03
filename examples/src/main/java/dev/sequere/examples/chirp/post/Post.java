package dev.sequere.examples.chirp.post;

import dev.sequere.examples.chirp.user.User;
import java.time.Instant;

/**
 * A post as shown: its author loaded, its text from the action's data.
 *
 * @param id the action id
 * @param author who wrote it
 * @param text what they wrote
 * @param time when
 */
public record Post(String id, User author, String text, Instant time) {
}
