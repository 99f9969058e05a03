package dev.sequere.benchmarks;

import dev.sequere.Ref;

/**
 * Refs built before a benchmark starts. Building a {@link Ref} validates its type and id, which
 * is the caller's cost, not the store's; benchmarks draw from a pool so that they measure storage
 * only, and the baseline and the backend under test receive the very same objects.
 */
public final class RefPool {

    private RefPool() {
    }

    /**
     * Refs {@code type/0 .. type/(count-1)}.
     *
     * @param type a type name, e.g. {@code "user"}
     * @param count how many refs
     * @return a new array of {@code count} distinct refs
     */
    public static Ref[] of(String type, int count) {
        Ref[] refs = new Ref[count];
        for (int i = 0; i < count; i++) {
            refs[i] = new Ref(type, Integer.toString(i));
        }
        return refs;
    }
}
