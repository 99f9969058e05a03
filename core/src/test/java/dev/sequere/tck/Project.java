package dev.sequere.tck;

/**
 * A second sample application type, so that listings mix types with equal ids.
 *
 * @param id the project's id
 */
public record Project(String id) {
}
