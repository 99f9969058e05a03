package dev.sequere.spi;

import dev.sequere.InvalidArgumentException;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A unit of work recorded in a {@link JobStore}, as a worker holds it after
 * {@link JobStore#create creating} or {@link JobStore#claim claiming} it.
 *
 * @param id the job's id, assigned by the store, unique in it
 * @param kind what the job does, {@code [a-z0-9_.-]{1,32}}; the store gives it no meaning
 * @param payload what the job needs to run, at most {@value JobStore#MAX_PAYLOAD_CHARS} characters
 * @param progress the last position saved with {@link JobStore#checkpoint}, or {@code null} before
 *     the first one; a worker that takes the job over resumes from it
 * @param attempts how many times the job was handed to a worker, this time included (1 when created)
 * @param createdAt when the job was created, by the store's clock
 * @param owner the worker holding the lease that came with this copy of the job
 */
public record Job(String id, String kind, String payload, @Nullable String progress, int attempts,
        Instant createdAt, String owner) {

    private static final Pattern KIND = Pattern.compile("[a-z0-9_.-]{1,32}");

    /** Validates the job. */
    public Job {
        Objects.requireNonNull(id, "id");
        requireValidKind(kind);
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(owner, "owner");
    }

    /**
     * Checks a job kind.
     *
     * @param kind the candidate
     * @return the same kind
     * @throws InvalidArgumentException when it is not 1 to 32 characters among a-z, 0-9, '_', '.', '-'
     */
    public static String requireValidKind(String kind) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new InvalidArgumentException("job kind '" + kind
                    + "' is invalid: use 1 to 32 characters among a-z, 0-9, '_', '.' and '-'");
        }
        return kind;
    }

    /**
     * Whether another worker held this job before (it was created or claimed, then its lease ran
     * out): the job is being taken over, typically after a crash.
     *
     * @return {@code true} from the second attempt on
     */
    public boolean takenOver() {
        return attempts > 1;
    }
}
