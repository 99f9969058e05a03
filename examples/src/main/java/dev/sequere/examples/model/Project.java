package dev.sequere.examples.model;

/**
 * A project of the example application, which users follow.
 *
 * @param id the database id
 * @param name the name shown
 */
public record Project(long id, String name) {

    @Override
    public String toString() {
        return "<Project: " + name + ">";
    }
}
