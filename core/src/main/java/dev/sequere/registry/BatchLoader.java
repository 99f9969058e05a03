package dev.sequere.registry;

import java.util.Collection;
import java.util.List;

/**
 * Loads the application objects of one registered type by id, many at a time. Sequere calls it
 * once per type per page, so a listing of 20 users costs one query, not 20.
 *
 * <p>Objects that no longer exist are simply left out of the result; Sequere skips them in the
 * listing and reports them to {@link dev.sequere.event.SequereListener#onMissingResource}.
 * The result may come in any order and may hold objects that were not asked for (they are
 * ignored).
 *
 * @param <T> the registered class
 */
@FunctionalInterface
public interface BatchLoader<T> {

    /**
     * Loads objects by id.
     *
     * @param ids the ids, as stored (strings), without duplicates
     * @return the objects found
     */
    Collection<? extends T> load(List<String> ids);
}
