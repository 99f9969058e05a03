package dev.sequere.spring.execution;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * An executor that counts the tasks it handed to its delegate, so that closing it waits until
 * they have all run. The Spring integration closes it before the backend: fan-out that was
 * accepted finishes writing instead of failing on a closed connection pool.
 *
 * <p>When the delegate refuses a task (a Spring {@code ThreadPoolTaskExecutor} stops accepting
 * tasks as soon as the context starts closing), the task runs on the calling thread: an action
 * saved during shutdown still reaches its followers, and nothing is dropped silently.
 */
public final class DrainingExecutor implements Executor, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DrainingExecutor.class.getName());

    private final Executor delegate;
    private final Duration closeTimeout;
    private final Object lock = new Object();
    private long pending;

    /**
     * Wraps an executor.
     *
     * @param delegate the executor that runs the tasks
     * @param closeTimeout how long {@link #close()} waits for pending tasks
     */
    public DrainingExecutor(Executor delegate, Duration closeTimeout) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (lock) {
            pending++;
        }
        Runnable tracked = () -> {
            try {
                task.run();
            } finally {
                done();
            }
        };
        try {
            delegate.execute(tracked);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "executor refused a task (shutting down?); running it on the calling thread", e);
            tracked.run();
        }
    }

    /**
     * How many tasks were accepted and have not finished.
     *
     * @return the number of pending tasks
     */
    public long pending() {
        synchronized (lock) {
            return pending;
        }
    }

    /**
     * Waits until every accepted task has finished, at most the close timeout.
     *
     * @return {@code true} when nothing is pending any more
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        synchronized (lock) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Waits for pending tasks (at most the close timeout); the delegate is not shut down. */
    @Override
    public void close() {
        try {
            if (!awaitIdle()) {
                LOG.log(Level.WARNING, "{0} Sequere background task(s) still running after {1}; closing anyway",
                        pending(), closeTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void done() {
        synchronized (lock) {
            pending--;
            if (pending == 0) {
                lock.notifyAll();
            }
        }
    }

    @Override
    public String toString() {
        return "DrainingExecutor[" + delegate + "]";
    }
}
