package dev.sequere.timeline.fanout;

import dev.sequere.Ref;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks per {@code (follower, source)} pair. Everything that makes a follower's timeline
 * agree with whether it follows a source (import on follow, removal on unfollow, undoing a
 * delivery that raced an unfollow) runs under the pair's lock and re-reads the follow first, so
 * the last one to run always sees the final state. Per process: instances of an application
 * sharing a backend still race, in a window as short as one of these steps.
 */
public final class PairLocks {

    private static final int STRIPES = 256;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    /** Creates the locks. */
    public PairLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Runs {@code action} holding the lock of the pair.
     *
     * @param follower the follower
     * @param source the followed resource
     * @param action what to run
     */
    public void run(Ref follower, Ref source, Runnable action) {
        int hash = follower.hashCode() * 31 + source.hashCode();
        ReentrantLock lock = locks[Math.floorMod(hash ^ (hash >>> 16), STRIPES)];
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }
}
