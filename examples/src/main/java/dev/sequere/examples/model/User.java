package dev.sequere.examples.model;

/**
 * A user of the example application.
 *
 * @param id the database id
 * @param username the name shown
 */
public record User(long id, String username) {

    @Override
    public String toString() {
        return "<User: " + username + ">";
    }
}
