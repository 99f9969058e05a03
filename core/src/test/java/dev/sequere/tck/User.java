package dev.sequere.tck;

/**
 * A sample application type for the kit's facade tests.
 *
 * @param id the user's id
 */
public record User(String id) {
}
