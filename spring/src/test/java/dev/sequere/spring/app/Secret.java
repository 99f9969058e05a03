package dev.sequere.spring.app;

import dev.sequere.spring.Followable;

/** A followable class whose id is a private field. */
@Followable(type = "secret", id = "key")
public final class Secret {

    @SuppressWarnings("unused") // read through @Followable(id = "key")
    private final String key;

    /**
     * Creates one.
     *
     * @param key the id
     */
    public Secret(String key) {
        this.key = key;
    }
}
