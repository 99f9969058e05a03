package dev.sequere.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Follow;
import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.memory.MemoryBackend;
import dev.sequere.spring.app.Board;
import dev.sequere.spring.app.Member;
import dev.sequere.spring.app.Secret;
import dev.sequere.spring.backend.SelectedBackend;
import dev.sequere.spring.event.ActionSkippedEvent;
import dev.sequere.spring.event.FollowedEvent;
import dev.sequere.spring.event.ForgottenEvent;
import dev.sequere.spring.event.PublishedEvent;
import dev.sequere.spring.event.UnfollowedEvent;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.TimelineItem;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The zero-configuration path: no backend bean of any kind, so the in-memory backend; types from
 * the {@code @Followable} scan, a {@link FollowableLoader} bean and a {@link SequereConfigurer}.
 * The context is spring-test's, shared by the methods; each method cleans what it made.
 */
@SpringJUnitConfig(MemoryWiringTest.Config.class)
class MemoryWiringTest {

    /** Directory of the test's members, as an application repository would be. */
    static final Map<String, Member> MEMBERS = Map.of(
            "ann", new Member("ann", "Ann"), "bob", new Member("bob", "Bob"));

    static final Verb SAY = Verb.of("say");

    /** A type registered through a configurer rather than the annotation. */
    record Topic(String id) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableSequere(scanClasses = Member.class)
    static class Config {

        @Bean
        FollowableLoader<Member> members() {
            return FollowableLoader.of(Member.class, ids -> ids.stream().map(MEMBERS::get)
                    .filter(java.util.Objects::nonNull).toList());
        }

        @Bean
        SequereConfigurer topics() {
            return new SequereConfigurer() {
                @Override
                public void configure(Sequere.Builder builder) {
                    builder.register(Topic.class, t -> t.type("topic").loader(ids -> ids.stream().map(Topic::new).toList()));
                }

                @Override
                public void configureTimelines(Timelines.Builder builder) {
                    builder.verbs(Member.class, SAY);
                }
            };
        }

        @Bean
        RecordedEvents events() {
            return new RecordedEvents();
        }
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    Sequere sequere;

    @Autowired
    Timelines timelines;

    @Autowired
    SelectedBackend selected;

    @Autowired
    RecordedEvents events;

    @Test
    void choosesTheInMemoryBackendAndOwnsIt() {
        assertThat(selected.backend()).isInstanceOf(MemoryBackend.class);
        assertThat(selected.owned()).isTrue();
        assertThat(sequere.backend()).isSameAs(selected.backend());
    }

    @Test
    void registersScannedClassesWithTheirAnnotationAndConfigurerTypes() {
        assertThat(sequere.ref(MEMBERS.get("ann"))).isEqualTo(Ref.of("member", "ann"));
        assertThat(sequere.ref(new Board(7))).isEqualTo(Ref.of("board", "7"));
        assertThat(sequere.ref(new Secret("k:1"))).isEqualTo(Ref.of("secret", "k:1"));
        assertThat(sequere.ref(new Topic("java"))).isEqualTo(Ref.of("topic", "java"));
    }

    @Test
    void loadsFollowablesThroughTheirLoaderBean() {
        Member ann = MEMBERS.get("ann");
        Member bob = MEMBERS.get("bob");
        sequere.follow(ann, bob);
        sequere.follow(ann, new Topic("spring"));
        List<Follow<Member>> followers = sequere.followers(bob).ofType(Member.class).page(10).items();
        assertThat(followers).extracting(Follow::resource).containsExactly(ann);
        assertThat(sequere.followings(ann).page(10).items()).extracting(Follow::resource)
                .containsExactlyInAnyOrder(bob, new Topic("spring"));
        sequere.forget(ann);
    }

    @Test
    void buildsTimelinesWithTheConfigurersVerbsOnTheSameSequere() {
        assertThat(context.getBeansOfType(Timelines.class)).containsOnlyKeys(TimelinesConfiguration.TIMELINES_BEAN);
        assertThat(timelines.sequere()).isSameAs(sequere);
        Member ann = MEMBERS.get("ann");
        Member bob = MEMBERS.get("bob");
        sequere.follow(bob, ann);
        timelines.of(ann).save(Action.of(ann, SAY).data(Map.of("text", "hello")));
        // No TaskExecutor bean: fan-out ran on this thread, so the follower has it already.
        List<TimelineItem> home = timelines.of(bob).privateFeed().page(10).items();
        assertThat(home).extracting(i -> i.action().data().get("text")).containsExactly("hello");
        assertThat(home.get(0).actor()).isEqualTo(ann);
        timelines.forget(ann);
        sequere.forget(bob);
    }

    @Test
    void publishesSkippedTimelineActionsAsApplicationEvents() {
        Member bob = MEMBERS.get("bob");
        Ref ghost = Ref.of("member", "ghost");
        sequere.follow(bob, ghost);
        timelines.of(ghost).save(Action.of(ghost, SAY).data(Map.of("text", "boo")));
        int before = events.all().size();
        // The loader does not know "ghost": the listing skips its action and says so.
        assertThat(timelines.of(bob).privateFeed().page(10).items()).isEmpty();
        assertThat(events.all().subList(before, events.all().size()))
                .singleElement().isInstanceOfSatisfying(ActionSkippedEvent.class,
                        e -> assertThat(e.missing()).isEqualTo(ghost));
        timelines.forget(ghost);
        sequere.forget(bob);
    }

    @Test
    void publishesFollowsAsApplicationEvents() {
        Member bob = MEMBERS.get("bob");
        Board board = new Board(42);
        int before = events.all().size();
        assertThat(sequere.follow(bob, board)).isTrue();
        assertThat(sequere.follow(bob, board)).isFalse();
        assertThat(sequere.unfollow(bob, board)).isTrue();
        sequere.follow(bob, board);
        sequere.forget(board);
        List<Object> received = events.all().subList(before, events.all().size());
        assertThat(received).hasSize(4);
        assertThat(received.get(0)).isInstanceOfSatisfying(FollowedEvent.class,
                e -> assertThat(e.followee()).isEqualTo(Ref.of("board", "42")));
        assertThat(received.get(1)).isInstanceOf(UnfollowedEvent.class);
        assertThat(received.get(2)).isInstanceOf(FollowedEvent.class);
        assertThat(received.get(3)).isEqualTo(new ForgottenEvent(Ref.of("board", "42"), 1));
    }

    @Test
    void publishesEachNewActionOnceAsAnApplicationEvent() {
        Member ann = MEMBERS.get("ann");
        int before = events.all().size();
        Action first = timelines.of(ann).save(Action.of(ann, SAY).id("spring-say-1").data(Map.of("text", "one")));
        timelines.of(ann).save(Action.of(ann, SAY).id("spring-say-1").data(Map.of("text", "again")));
        List<Object> received = events.all().subList(before, events.all().size());
        assertThat(received).containsExactly(new PublishedEvent(first));
        timelines.forget(ann);
    }
}
