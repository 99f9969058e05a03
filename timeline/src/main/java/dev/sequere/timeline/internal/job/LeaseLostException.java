package dev.sequere.timeline.internal.job;

/** Thrown by {@link JobControl#checkpoint} when another worker took the job over. */
public final class LeaseLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param jobId the lost job
     */
    public LeaseLostException(String jobId) {
        super("job " + jobId + " is held by another worker now", null, false, false);
    }
}
