package dev.sequere.spring.event;

import dev.sequere.Ref;
import dev.sequere.event.FollowEvent;
import dev.sequere.event.SequereListener;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Republishes Sequere's listener callbacks as Spring application events, so that application
 * code reacts with {@code @EventListener} instead of implementing {@link SequereListener}.
 * Events are published synchronously on the calling thread; an {@code @Async} listener or an
 * application event multicaster with an executor moves them elsewhere.
 */
public final class ApplicationEventBridge implements SequereListener {

    private final ApplicationEventPublisher publisher;

    /**
     * Creates the bridge.
     *
     * @param publisher the context's publisher
     */
    public ApplicationEventBridge(ApplicationEventPublisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void onFollowed(FollowEvent event) {
        publisher.publishEvent(new FollowedEvent(event.follower(), event.followee(), event.at()));
    }

    @Override
    public void onUnfollowed(FollowEvent event) {
        publisher.publishEvent(new UnfollowedEvent(event.follower(), event.followee(), event.at()));
    }

    @Override
    public void onForgotten(Ref resource, long removedEdges) {
        publisher.publishEvent(new ForgottenEvent(resource, removedEdges));
    }
}
