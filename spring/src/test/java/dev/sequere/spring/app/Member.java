package dev.sequere.spring.app;

import dev.sequere.spring.Followable;

/**
 * A followable record whose id is a component other than {@code id}.
 *
 * @param handle the id
 * @param name a display name
 */
@Followable(type = "member", id = "handle")
public record Member(String handle, String name) {
}
