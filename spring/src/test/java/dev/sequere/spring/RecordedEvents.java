package dev.sequere.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;

/** A bean that records every Sequere application event it receives. */
public class RecordedEvents {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    /**
     * Records a follow event.
     *
     * @param event the event
     */
    @EventListener({dev.sequere.spring.event.FollowedEvent.class, dev.sequere.spring.event.UnfollowedEvent.class,
            dev.sequere.spring.event.ForgottenEvent.class, dev.sequere.spring.event.ActionSkippedEvent.class,
            dev.sequere.spring.event.PublishedEvent.class})
    public void on(Object event) {
        events.add(event);
    }

    /**
     * Everything received so far.
     *
     * @return the events in order
     */
    public List<Object> all() {
        return List.copyOf(events);
    }
}
