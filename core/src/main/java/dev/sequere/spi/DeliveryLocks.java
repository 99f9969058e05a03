package dev.sequere.spi;

import dev.sequere.Ref;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Striped locks of this JVM that the default {@link Backend#deliver} and {@link Backend#purge}
 * take per feed owner. They make the defaults correct for process-local backends; backends shared
 * between processes override both methods.
 */
final class DeliveryLocks {

    static final DeliveryLocks LOCAL = new DeliveryLocks(256);

    private final ReentrantLock[] stripes;

    private DeliveryLocks(int size) {
        stripes = new ReentrantLock[size];
        for (int i = 0; i < size; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    <T> T call(Ref owner, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(owner.hashCode(), stripes.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
