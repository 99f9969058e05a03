package dev.sequere.spring.app;

import dev.sequere.spring.Followable;

/** A followable class with every default: type {@code board}, id from {@code getId()}. */
@Followable
public class Board {

    private final long id;

    /**
     * Creates a board.
     *
     * @param id its id
     */
    public Board(long id) {
        this.id = id;
    }

    /**
     * The id.
     *
     * @return the id
     */
    public long getId() {
        return id;
    }
}
