package dev.sequere.timeline.tck;

/**
 * A project of the kit's application: followed, and the target of likes.
 *
 * @param id its id
 */
public record Project(String id) {
}
