package dev.sequere.memory;

import dev.sequere.spi.Backend;
import dev.sequere.timeline.tck.TimelineContract;

/** Runs the timeline conformance kit on the in-memory backend. */
class MemoryTimelineTest extends TimelineContract {

    @Override
    protected Backend createBackend() {
        return MemoryBackend.create();
    }
}
