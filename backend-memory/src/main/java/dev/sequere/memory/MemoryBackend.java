package dev.sequere.memory;

import dev.sequere.spi.JobStore;
import dev.sequere.spi.LocalJobStore;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Capability;
import java.util.Set;

/**
 * The in-memory backend: zero configuration, thread-safe, fast, and gone when the process
 * ends. The default for tests, examples and single-instance applications that rebuild their
 * follow graph at start.
 *
 * <pre>{@code
 * Sequere sequere = Sequere.builder().backend(MemoryBackend.create()).register(User.class).build();
 * }</pre>
 *
 * <p>Declares no {@link Capability}: nothing is persistent or shared between processes, and
 * fan-out uses the SPI's default loop, which in memory is already as fast as a native path.
 */
public final class MemoryBackend implements Backend {

    private final JobStore jobs = new LocalJobStore();

    private final MemoryFollowStore follows = new MemoryFollowStore();
    private final MemoryFeedStore feeds = new MemoryFeedStore();

    private MemoryBackend() {
    }

    /**
     * Creates an empty backend.
     *
     * @return a new, empty backend
     */
    public static MemoryBackend create() {
        return new MemoryBackend();
    }

    @Override
    public MemoryFollowStore follows() {
        return follows;
    }

    @Override
    public JobStore jobs() {
        return jobs;
    }

    @Override
    public MemoryFeedStore feeds() {
        return feeds;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }
}
