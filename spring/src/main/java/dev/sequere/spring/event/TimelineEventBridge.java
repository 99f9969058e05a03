package dev.sequere.spring.event;

import dev.sequere.Ref;
import dev.sequere.timeline.TimelineListener;
import dev.sequere.timeline.action.Action;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Republishes the timeline module's listener callbacks as Spring application events
 * ({@link PublishedEvent}, {@link ActionSkippedEvent}, {@link FanOutFailedEvent}).
 */
public final class TimelineEventBridge implements TimelineListener {

    private final ApplicationEventPublisher publisher;

    /**
     * Creates the bridge.
     *
     * @param publisher the context's publisher
     */
    public TimelineEventBridge(ApplicationEventPublisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void onPublished(Action action) {
        publisher.publishEvent(new PublishedEvent(action));
    }

    @Override
    public void onActionSkipped(Action action, Ref missing) {
        publisher.publishEvent(new ActionSkippedEvent(action, missing));
    }

    @Override
    public void onFanOutFailed(Action action, Throwable error) {
        publisher.publishEvent(new FanOutFailedEvent(action, error));
    }
}
