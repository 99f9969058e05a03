package dev.sequere.tck;

import dev.sequere.registry.BatchLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny application-side repository for kit tests: objects by id, a {@link BatchLoader} over them
 * that records every call (to prove one call per type per page), and deletion to simulate objects
 * that disappear while still followed.
 *
 * @param <T> the stored class
 */
public final class Catalog<T> {

    private final Map<String, T> byId = new ConcurrentHashMap<>();
    private final Function<T, String> idOf;
    private final List<List<String>> calls = new CopyOnWriteArrayList<>();

    /**
     * Creates an empty catalog.
     *
     * @param idOf reads an object's id
     */
    public Catalog(Function<T, String> idOf) {
        this.idOf = idOf;
    }

    /**
     * Stores objects.
     *
     * @param objects the objects
     * @return the first object, for convenience
     */
    @SafeVarargs
    public final T add(T... objects) {
        for (T object : objects) {
            byId.put(idOf.apply(object), object);
        }
        return objects[0];
    }

    /**
     * Deletes an object, as the application would when a row is deleted.
     *
     * @param object the object
     */
    public void delete(T object) {
        byId.remove(idOf.apply(object));
    }

    /**
     * The loader to register: returns the stored objects among the ids, in no particular order.
     *
     * @return a recording batch loader
     */
    public BatchLoader<T> loader() {
        return ids -> {
            calls.add(List.copyOf(ids));
            List<T> found = new ArrayList<>();
            for (String id : ids) {
                T object = byId.get(id);
                if (object != null) {
                    found.add(object);
                }
            }
            Collections.reverse(found);
            return found;
        };
    }

    /**
     * Every loader call so far, each as the list of ids it was given.
     *
     * @return the calls
     */
    public List<List<String>> calls() {
        return List.copyOf(calls);
    }

    /** Forgets the recorded calls. */
    public void resetCalls() {
        calls.clear();
    }
}
