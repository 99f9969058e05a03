package dev.sequere.timeline.tck;

/**
 * A person of the kit's application: follows and acts.
 *
 * @param id its id
 */
public record Person(String id) {
}
