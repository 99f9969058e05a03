package dev.sequere.examples.chirp.user;

import dev.sequere.spring.Followable;
import java.time.Instant;

/**
 * A chirp account. Registered with Sequere by its annotation: type {@code user}, id the numeric
 * {@link #id()}; loaded back in batches by {@link UserStore#findAllById}.
 *
 * @param id the database id
 * @param username unique login name, {@code [a-z0-9_]{3,20}}
 * @param name display name
 * @param joined when the account was created
 */
@Followable(type = "user", id = "id")
public record User(long id, String username, String name, Instant joined) {
}
