package dev.sequere.spi;

import dev.sequere.InvalidArgumentException;
import java.time.Duration;

/**
 * Argument checks every {@link JobStore} applies the same way, public so that backends in other
 * packages reuse them.
 */
public final class JobStores {

    private JobStores() {
    }

    /**
     * Checks a payload.
     *
     * @param payload the candidate
     * @return the same payload
     */
    public static String requirePayload(String payload) {
        if (payload == null) {
            throw new InvalidArgumentException("job payload must not be null");
        }
        if (payload.length() > JobStore.MAX_PAYLOAD_CHARS) {
            throw new InvalidArgumentException("job payload is " + payload.length() + " characters long; at most "
                    + JobStore.MAX_PAYLOAD_CHARS + " are allowed");
        }
        return payload;
    }

    /**
     * Checks a progress value.
     *
     * @param progress the candidate
     * @return the same value
     */
    public static String requireProgress(String progress) {
        if (progress.length() > JobStore.MAX_PROGRESS_CHARS) {
            throw new InvalidArgumentException("job progress is " + progress.length() + " characters long; at most "
                    + JobStore.MAX_PROGRESS_CHARS + " are allowed");
        }
        return progress;
    }

    /**
     * Checks a worker id: 1 to 64 characters, not all whitespace.
     *
     * @param owner the candidate
     * @return the same id
     */
    public static String requireOwner(String owner) {
        // A blank id is a configuration mistake (an unset host name), never a real worker.
        if (owner == null || owner.isBlank() || owner.length() > 64) {
            throw new InvalidArgumentException("worker id must be 1 to 64 characters, not all blank, was '"
                    + owner + "'");
        }
        return owner;
    }

    /**
     * Checks a lease.
     *
     * @param lease the candidate
     * @return the same lease
     */
    public static Duration requireLease(Duration lease) {
        if (lease == null || lease.toMillis() < 1) {
            throw new InvalidArgumentException("lease must be at least 1 ms, was " + lease);
        }
        return lease;
    }
}
