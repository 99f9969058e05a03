package dev.sequere.examples;

import dev.sequere.Follow;
import dev.sequere.Page;
import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.SequereException;
import dev.sequere.event.FollowEvent;
import dev.sequere.event.SequereListener;
import dev.sequere.examples.model.Project;
import dev.sequere.examples.model.Repository;
import dev.sequere.examples.model.User;
import dev.sequere.memory.MemoryBackend;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * django-sequere's README walkthrough, replayed in Java on the in-memory backend: a user follows
 * a project, then {@code is_following}, the counts, the followers and followings with their
 * dates; then what Sequere adds: counts per type, friends, newest/oldest first, cursors, unfollow,
 * listeners, deleted objects, {@code forget} and the errors misuse gets.
 *
 * <p>Run it with {@code mvn -B -ntp -q -pl examples -am test-compile exec:java}. Each step prints the
 * Java call, then its result, like the Python shell session it mirrors.
 */
public final class Walkthrough {

    /** The time of the follow in django-sequere's README; the clock starts there. */
    static final Instant README_TIME = Instant.parse("2013-10-25T04:41:31.612067Z");

    private final PrintStream out;
    private final Repository<User> users = new Repository<>(User::id);
    private final Repository<Project> projects = new Repository<>(Project::id);
    private final AtomicInteger followed = new AtomicInteger();
    private final AtomicInteger unfollowed = new AtomicInteger();
    private final AtomicInteger missing = new AtomicInteger();
    private final Sequere sequere;

    Walkthrough(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
        // Registration is what django-sequere's sequere_registry.py does: which classes can
        // follow or be followed, how to read their ids and how to load them back, many at once.
        this.sequere = Sequere.builder()
                .backend(MemoryBackend.create())
                .register(User.class, t -> t.id(User::id).loader(Long::valueOf, users::findAllById))
                .register(Project.class, t -> t.id(Project::id).loader(Long::valueOf, projects::findAllById))
                .clock(new SteppingClock(README_TIME, Duration.ofSeconds(1)))
                .listener(new Counter())
                .build();
    }

    /**
     * Runs the walkthrough and prints it to standard output.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        new Walkthrough(System.out).run();
    }

    void run() {
        out.println("Sequere walkthrough: django-sequere's README, in Java, on the in-memory backend");
        User thoas = users.create(id -> new User(id, "thoas"));
        Project project = projects.create(id -> new Project(id, "La classe americaine"));

        section("django-sequere's README");
        show("sequere.follow(thoas, project)", () -> sequere.follow(thoas, project));
        show("sequere.isFollowing(thoas, project)", () -> sequere.isFollowing(thoas, project));
        show("sequere.followers(project).count()", () -> sequere.followers(project).count());
        show("sequere.followings(thoas).count()", () -> sequere.followings(thoas).count());
        show("sequere.followers(thoas).page(20)", () -> items(sequere.followers(thoas).page(20)));
        show("sequere.followers(project).page(20)", () -> items(sequere.followers(project).page(20)));
        show("sequere.followings(thoas).page(20)", () -> items(sequere.followings(thoas).page(20)));

        section("Following twice changes nothing; following yourself is refused");
        show("sequere.follow(thoas, project)", () -> sequere.follow(thoas, project));
        show("sequere.followers(project).count()", () -> sequere.followers(project).count());
        show("sequere.follow(thoas, thoas)", () -> sequere.follow(thoas, thoas));

        section("Counts per type, and friends (mutual follows)");
        User newbie = users.create(id -> new User(id, "newbie"));
        show("sequere.follow(newbie, project)", () -> sequere.follow(newbie, project));
        show("sequere.follow(newbie, thoas)", () -> sequere.follow(newbie, thoas));
        show("sequere.follow(thoas, newbie)", () -> sequere.follow(thoas, newbie));
        show("sequere.followings(thoas).count()", () -> sequere.followings(thoas).count());
        show("sequere.followings(thoas).ofType(Project.class).count()",
                () -> sequere.followings(thoas).ofType(Project.class).count());
        show("sequere.followings(thoas).ofType(User.class).count()",
                () -> sequere.followings(thoas).ofType(User.class).count());
        show("sequere.followers(project).ofType(User.class).count()",
                () -> sequere.followers(project).ofType(User.class).count());
        show("sequere.friends(thoas).page(20)", () -> items(sequere.friends(thoas).page(20)));
        show("sequere.friends(newbie).count()", () -> sequere.friends(newbie).count());

        section("Followers with dates, newest or oldest first");
        show("sequere.followers(project).page(20)", () -> items(sequere.followers(project).page(20)));
        show("sequere.followers(project).oldestFirst().page(20)",
                () -> items(sequere.followers(project).oldestFirst().page(20)));

        section("Cursors: page through followers, one loader call per page");
        for (String name : List.of("alice", "bob", "carol", "dave")) {
            sequere.follow(users.create(id -> new User(id, name)), project);
        }
        User erin = users.create(id -> new User(id, "erin"));
        sequere.follow(erin, project);
        out.println("(alice, bob, carol, dave and erin follow the project too)");
        long loadsBefore = users.batchLoads();
        Page<Follow<User>> first = sequere.followers(project).ofType(User.class).page(3);
        show("first = sequere.followers(project).ofType(User.class).page(3)", () -> items(first));
        show("first.hasNext()", first::hasNext);
        Page<Follow<User>> second = sequere.followers(project).ofType(User.class).page(first.nextCursor(), 3);
        show("sequere.followers(project).ofType(User.class).page(first.nextCursor(), 3)", () -> items(second));
        show("user loader calls for those two pages", () -> users.batchLoads() - loadsBefore);

        section("Unfollow");
        show("sequere.unfollow(thoas, project)", () -> sequere.unfollow(thoas, project));
        show("sequere.unfollow(thoas, project)", () -> sequere.unfollow(thoas, project));
        show("sequere.isFollowing(thoas, project)", () -> sequere.isFollowing(thoas, project));
        show("sequere.followers(project).count()", () -> sequere.followers(project).count());
        show("sequere.followings(thoas).page(20)", () -> items(sequere.followings(thoas).page(20)));

        section("A deleted user is skipped (and reported), never a null in the list");
        users.delete(erin);
        show("users.delete(erin); sequere.followers(project).page(20)",
                () -> items(sequere.followers(project).page(20)));
        show("sequere.followers(project).count()", () -> sequere.followers(project).count());

        section("Forget: remove every follow from and to a resource (account deletion)");
        show("sequere.forget(erin)", () -> sequere.forget(erin));
        show("sequere.forget(newbie)", () -> sequere.forget(newbie));
        show("sequere.friends(thoas).count()", () -> sequere.friends(thoas).count());
        show("sequere.followers(project).count()", () -> sequere.followers(project).count());

        section("Misuse is a clear exception, and nothing is written");
        show("sequere.follow(thoas, \"a string\")", () -> sequere.follow(thoas, "a string"));
        show("sequere.follow(thoas, Ref.of(\"project\", \"\"))", () -> sequere.follow(thoas, Ref.of("project", "")));
        show("sequere.followers(project).page(0)", () -> sequere.followers(project).page(0));
        show("sequere.followers(project).count()", () -> sequere.followers(project).count());

        section("Listeners");
        out.println("follows: " + followed.get() + ", unfollows: " + unfollowed.get()
                + ", missing objects reported: " + missing.get());
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
            out.println(result.get());
        } catch (SequereException e) {
            out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Renders items the way django-sequere's README shows them: (object, date) pairs. */
    private static String items(Page<? extends Follow<?>> page) {
        return page.items().stream()
                .map(follow -> "(" + follow.resource() + ", " + follow.since() + ")")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** Counts what the listener API reports; a real application would log or react. */
    private final class Counter implements SequereListener {

        @Override
        public void onFollowed(FollowEvent event) {
            followed.incrementAndGet();
        }

        @Override
        public void onUnfollowed(FollowEvent event) {
            unfollowed.incrementAndGet();
        }

        @Override
        public void onMissingResource(Ref ref) {
            missing.incrementAndGet();
        }
    }
}
