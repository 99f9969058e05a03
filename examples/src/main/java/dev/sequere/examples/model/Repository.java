package dev.sequere.examples.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Stands for a database table: saves objects under generated ids and loads many by id in one
 * call, the way a JPA repository's {@code findAllById} does. It counts its batch loads so the
 * walkthrough can show that a page of followers costs one load per type, not one per follower.
 *
 * @param <T> the stored class
 */
public final class Repository<T> {

    private final Map<Long, T> rows = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong batchLoads = new AtomicLong();
    private final ToLongFunction<T> idOf;

    /**
     * Creates an empty table.
     *
     * @param idOf reads the id of a stored object
     */
    public Repository(ToLongFunction<T> idOf) {
        this.idOf = Objects.requireNonNull(idOf, "idOf");
    }

    /**
     * Builds an object with the next id and stores it (an {@code INSERT}).
     *
     * @param factory builds the object from its new id
     * @return the stored object
     */
    public T create(LongFunction<T> factory) {
        T row = factory.apply(sequence.incrementAndGet());
        rows.put(idOf.applyAsLong(row), row);
        return row;
    }

    /**
     * Deletes an object (a {@code DELETE}); follows that point at it are not touched.
     *
     * @param row the object
     */
    public void delete(T row) {
        rows.remove(idOf.applyAsLong(row));
    }

    /**
     * Loads the objects that exist among {@code ids} (a {@code SELECT ... WHERE id IN (...)}).
     *
     * @param ids the ids
     * @return the objects found, in no particular order
     */
    public List<T> findAllById(Iterable<Long> ids) {
        batchLoads.incrementAndGet();
        List<T> found = new ArrayList<>();
        for (Long id : ids) {
            T row = rows.get(id);
            if (row != null) {
                found.add(row);
            }
        }
        return found;
    }

    /**
     * How many times {@link #findAllById} was called.
     *
     * @return the number of batch loads so far
     */
    public long batchLoads() {
        return batchLoads.get();
    }
}
