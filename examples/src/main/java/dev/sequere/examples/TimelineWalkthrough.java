package dev.sequere.examples;

import dev.sequere.Page;
import dev.sequere.Sequere;
import dev.sequere.SequereException;
import dev.sequere.examples.model.Project;
import dev.sequere.examples.model.Repository;
import dev.sequere.examples.model.User;
import dev.sequere.memory.MemoryBackend;
import dev.sequere.timeline.Timeline;
import dev.sequere.timeline.TimelineItem;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * django-sequere's timeline walkthrough, replayed in Java on the in-memory backend: a user joins,
 * likes a project (an action with a target), another user follows them and gets their actions
 * (imported on follow, then fanned out), unfollows and loses them; filters by verb and by target
 * type; unread counts and read markers. Then what Sequere adds: idempotent foreign ids, the
 * global timeline, deletion everywhere, and clear errors.
 *
 * <p>Run it with {@code mvn -B -ntp -q -pl examples -am test-compile exec:java
 * -Dexec.mainClass=dev.sequere.examples.TimelineWalkthrough}.
 */
public final class TimelineWalkthrough {

    /** Verbs of django-sequere's example: {@code JoinAction} and {@code LikeAction}. */
    static final Verb JOIN = Verb.of("join");
    static final Verb LIKE = Verb.of("like");

    private final PrintStream out;
    private final Repository<User> users = new Repository<>(User::id);
    private final Repository<Project> projects = new Repository<>(Project::id);
    private final Sequere sequere;
    private final Timelines timelines;

    TimelineWalkthrough(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
        this.sequere = Sequere.builder()
                .backend(MemoryBackend.create())
                .register(User.class, t -> t.id(User::id).loader(Long::valueOf, users::findAllById))
                .register(Project.class, t -> t.id(Project::id).loader(Long::valueOf, projects::findAllById))
                .clock(new SteppingClock(Instant.parse("2013-10-25T04:41:31Z"), Duration.ofSeconds(1)))
                .build();
        // Verbs are registered per actor type, like django-sequere's actions on a registered model.
        // Fan-out runs in the caller here; pass .executor(pool) to move it off the request thread.
        this.timelines = Timelines.builder(sequere)
                .verbs(User.class, JOIN, LIKE)
                .globalFeed(true)
                .build();
    }

    /**
     * Runs the walkthrough and prints it to standard output.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        new TimelineWalkthrough(System.out).run();
    }

    void run() {
        out.println("Sequere timeline walkthrough: django-sequere's timelines, in Java, on the in-memory backend");
        User thoas = users.create(id -> new User(id, "thoas"));
        User newbie = users.create(id -> new User(id, "newbie"));
        Project project = projects.create(id -> new Project(id, "La classe americaine"));
        Timeline thoasTimeline = timelines.of(thoas);
        Timeline newbieTimeline = timelines.of(newbie);

        section("thoas joins: the action is in his private and public timelines");
        show("timelines.of(thoas).save(Action.of(thoas, JOIN))", () -> thoasTimeline.save(Action.of(thoas, JOIN)));
        show("timelines.of(thoas).privateFeed().count()", () -> thoasTimeline.privateFeed().count());
        show("timelines.of(thoas).publicFeed().count()", () -> thoasTimeline.publicFeed().count());
        show("timelines.of(thoas).privateFeed().page(20)", () -> items(thoasTimeline.privateFeed().page(20)));

        section("thoas likes a project: an action with a target");
        show("timelines.of(thoas).save(Action.of(thoas, LIKE).target(project).data(Map.of(\"stars\", \"5\")))",
                () -> thoasTimeline.save(Action.of(thoas, LIKE).target(project).data(Map.of("stars", "5"))));
        show("timelines.of(thoas).privateFeed().count()", () -> thoasTimeline.privateFeed().count());
        show("timelines.of(thoas).publicFeed().page(20)", () -> items(thoasTimeline.publicFeed().page(20)));

        section("newbie follows thoas: thoas's recent public actions are imported, unread");
        show("newbie's private count before", () -> newbieTimeline.privateFeed().count());
        show("sequere.follow(newbie, thoas)", () -> sequere.follow(newbie, thoas));
        show("timelines.of(newbie).privateFeed().page(20)", () -> items(newbieTimeline.privateFeed().page(20)));
        show("timelines.of(newbie).publicFeed().count()", () -> newbieTimeline.publicFeed().count());
        show("timelines.of(newbie).unreadCount()", newbieTimeline::unreadCount);

        section("Filters: by verb and by target type, counted exactly");
        show("timelines.of(newbie).privateFeed().verb(LIKE).count()",
                () -> newbieTimeline.privateFeed().verb(LIKE).count());
        show("timelines.of(newbie).privateFeed().verb(JOIN).count()",
                () -> newbieTimeline.privateFeed().verb(JOIN).count());
        show("timelines.of(newbie).privateFeed().targetType(Project.class).page(20)",
                () -> items(newbieTimeline.privateFeed().targetType(Project.class).page(20)));
        show("timelines.of(newbie).privateFeed().targetType(User.class).count()",
                () -> newbieTimeline.privateFeed().targetType(User.class).count());

        section("Unread: mark read, then a new action fans out to followers");
        show("timelines.of(newbie).markRead(); timelines.of(newbie).unreadCount()", () -> {
            newbieTimeline.markRead();
            return newbieTimeline.unreadCount();
        });
        show("timelines.of(newbie).readAt()", newbieTimeline::readAt);
        Project second = projects.create(id -> new Project(id, "OSS 117"));
        show("timelines.of(thoas).save(Action.of(thoas, LIKE).target(second))",
                () -> thoasTimeline.save(Action.of(thoas, LIKE).target(second)));
        show("timelines.of(newbie).unreadCount()", newbieTimeline::unreadCount);
        show("timelines.of(newbie).privateFeed().verb(LIKE).unreadCount()",
                () -> newbieTimeline.privateFeed().verb(LIKE).unreadCount());
        show("timelines.stats()", timelines::stats);

        section("newbie unfollows thoas: his actions leave newbie's private timeline");
        show("timelines.of(newbie).save(Action.of(newbie, JOIN))", () -> newbieTimeline.save(Action.of(newbie, JOIN)));
        show("sequere.unfollow(newbie, thoas)", () -> sequere.unfollow(newbie, thoas));
        show("timelines.of(newbie).privateFeed().page(20)", () -> items(newbieTimeline.privateFeed().page(20)));

        section("What Sequere adds: foreign ids are idempotent, the global timeline, deletion everywhere");
        show("thoas saves Action.of(thoas, LIKE).target(project).id(\"like-1\") twice; public count",
                () -> {
                    thoasTimeline.save(Action.of(thoas, LIKE).target(project).id("like-1"));
                    thoasTimeline.save(Action.of(thoas, LIKE).target(project).id("like-1"));
                    return thoasTimeline.publicFeed().count();
                });
        show("timelines.globalFeed().page(20)", () -> items(timelines.globalFeed().page(20)));
        show("sequere.follow(newbie, thoas); timelines.of(newbie).privateFeed().verb(LIKE).count()", () -> {
            sequere.follow(newbie, thoas);
            return newbieTimeline.privateFeed().verb(LIKE).count();
        });
        show("timelines.delete(\"like-1\")", () -> timelines.delete("like-1"));
        show("timelines.of(newbie).privateFeed().verb(LIKE).count()",
                () -> newbieTimeline.privateFeed().verb(LIKE).count());
        show("timelines.globalFeed().count()", () -> timelines.globalFeed().count());

        section("A deleted project is skipped in listings, never a crash");
        projects.delete(second);
        show("projects.delete(second); timelines.of(thoas).publicFeed().page(20)",
                () -> items(thoasTimeline.publicFeed().page(20)));

        section("Misuse is a clear exception, and nothing is written");
        show("timelines.of(thoas).save(Action.of(thoas, Verb.of(\"release\")))",
                () -> thoasTimeline.save(Action.of(thoas, Verb.of("release"))));
        show("timelines.of(thoas).save(Action.of(newbie, JOIN))", () -> thoasTimeline.save(Action.of(newbie, JOIN)));
        show("timelines.of(thoas).privateFeed().verb(\"unknown\")", () -> thoasTimeline.privateFeed().verb("unknown"));
        timelines.close();
        sequere.backend().close();
    }

    private void section(String title) {
        out.println();
        out.println("# " + title);
    }

    /** Prints a call and its result, or the exception it threw, like a shell session. */
    private void show(String call, Supplier<?> result) {
        out.println(">>> " + call);
        try {
            Object value = result.get();
            out.println(value instanceof Action action ? describe(action) : value);
        } catch (SequereException e) {
            out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String describe(Action action) {
        return "<Action " + action.actor() + " " + action.verb() + (action.target() == null ? "" : " " + action.target())
                + (action.data().isEmpty() ? "" : " " + action.data()) + " at " + action.time() + ">";
    }

    /** Renders a page as (actor, verb, target, time) tuples, objects loaded. */
    private static String items(Page<TimelineItem> page) {
        return page.items().stream()
                .map(item -> "(" + item.actor() + ", " + item.action().verb()
                        + (item.target() == null ? "" : ", " + item.target()) + ", " + item.action().time() + ")")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
