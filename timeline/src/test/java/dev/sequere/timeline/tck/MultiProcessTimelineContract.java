package dev.sequere.timeline.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.spi.Backend;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.feed.FeedNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The timeline guarantees across <b>processes</b>: application instances in separate JVMs over one
 * store, racing each other, and killed with SIGKILL in the middle of their work. A backend module
 * that declares {@code SHARED_ACROSS_PROCESSES} runs it with a few lines: the class name of a
 * {@code Function<String, Backend>} fixture (public, no-argument constructor, in its test
 * sources, so that the child JVMs can open the same store) and a fresh namespace per test.
 *
 * <p>Sizes are small in the default run; {@code -Dsequere.soak=true} runs the long version (more
 * seeds and operations, 50 000 followers in the crash test).
 */
public abstract class MultiProcessTimelineContract {

    private static final boolean SOAK = Boolean.getBoolean("sequere.soak");

    /**
     * The fixture the child JVMs open the store with.
     *
     * @return a class implementing {@code Function<String, Backend>} with a public no-arg constructor
     */
    protected abstract Class<? extends Function<String, Backend>> backendFactory();

    /**
     * A spec string for a fresh, empty namespace (the fixture's input).
     *
     * @return the spec
     */
    protected abstract String newNamespace();

    /**
     * Drops what a test made in a namespace (called with a backend opened on it).
     *
     * @param backend the backend over the namespace
     */
    protected abstract void dropNamespace(Backend backend);

    private Backend open(String spec) throws ReflectiveOperationException {
        return backendFactory().getDeclaredConstructor().newInstance().apply(spec);
    }

    @Test
    void threeInstancesRacingFollowsPublishesAndDeletesLeaveExactTimelines() throws Exception {
        String spec = newNamespace();
        int people = 8;
        int ops = SOAK ? 1_500 : 150;
        int seeds = SOAK ? 10 : 2;
        try (Backend backend = open(spec)) {
            try {
                for (int seed = 1; seed <= seeds; seed++) {
                    List<Process> children = new ArrayList<>();
                    List<Path> logs = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        Path log = Files.createTempFile("sequere-child", ".log");
                        logs.add(log);
                        children.add(start(log, spec, "workload", Long.toString(seed * 100L + i),
                                Integer.toString(ops), Integer.toString(people)));
                    }
                    for (int i = 0; i < children.size(); i++) {
                        awaitExit(children.get(i), logs.get(i));
                    }
                }
                Sequere sequere = WorkloadChild.sequere(backend);
                try (Timelines timelines = WorkloadChild.timelines(sequere).workers(1).build()) {
                    awaitEmptyBacklog(timelines);
                    TimelineFaultWorkload.assertExactTimelines(timelines, people);
                }
            } finally {
                dropNamespace(backend);
            }
        }
    }

    @Test
    void aFanOutKilledAtPublishOrMidwayIsFinishedByAnotherProcessExactlyOnce() throws Exception {
        String spec = newNamespace();
        int followers = SOAK ? 50_000 : 1_000;
        try (Backend backend = open(spec)) {
            try {
                Ref star = Ref.of("person", "star");
                java.time.Instant since = java.time.Instant.parse("2026-01-01T00:00:00Z");
                for (int i = 0; i < followers; i++) {
                    backend.follows().follow(Ref.of("person", "fan" + i), star, since.plusMillis(i));
                }
                List<String> published = new ArrayList<>();
                // Killed as soon as publish returned (no delivery yet, most likely), then once the
                // first followers hold the action (in the middle of the fan-out).
                for (boolean midway : new boolean[] {false, true}) {
                    Path log = Files.createTempFile("sequere-child", ".log");
                    Process child = start(log, spec, "publish", "star");
                    String id = awaitLine(child, log, "published ");
                    published.add(id);
                    if (midway) {
                        FeedKey first = new FeedKey(Ref.of("person", "fan0"), FeedNames.PRIVATE);
                        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(2))
                                .until(() -> backend.feeds().score(first, id).isPresent());
                    }
                    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
                Sequere sequere = WorkloadChild.sequere(backend);
                try (Timelines timelines = WorkloadChild.timelines(sequere).workers(1).build()) {
                    awaitEmptyBacklog(timelines);
                    assertThat(timelines.stats().takenOver()).as("jobs taken over").isGreaterThanOrEqualTo(1);
                    assertThat(ids(backend, new FeedKey(star, FeedNames.PUBLIC))).containsExactlyInAnyOrderElementsOf(published);
                    for (int i = 0; i < followers; i++) {
                        FeedKey home = new FeedKey(Ref.of("person", "fan" + i), FeedNames.PRIVATE);
                        assertThat(backend.feeds().count(home)).as("entries of fan%d", i).isEqualTo(published.size());
                        for (String id : published) {
                            assertThat(backend.feeds().score(home, id)).as("fan%d holds %s", i, id).isPresent();
                        }
                    }
                }
            } finally {
                dropNamespace(backend);
            }
        }
    }

    @Test
    void aFollowKilledDuringItsImportIsCompletedByAnotherProcess() throws Exception {
        String spec = newNamespace();
        int actions = SOAK ? 10_000 : 600;
        try (Backend backend = open(spec)) {
            try {
                Ref star = Ref.of("person", "star");
                Ref fan = Ref.of("person", "fan");
                List<String> published = new ArrayList<>();
                FeedKey starPublic = new FeedKey(star, FeedNames.PUBLIC);
                java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
                for (int i = 0; i < actions; i++) {
                    dev.sequere.timeline.action.Action action = new dev.sequere.timeline.action.Action(
                            String.format("a%06d", i), star, WorkloadChild.POST, null, t0.plusMillis(i), java.util.Map.of());
                    backend.feeds().putItem(action.id(),
                            dev.sequere.timeline.internal.action.ActionCodec.encode(action));
                    backend.feeds().add(dev.sequere.timeline.internal.action.ActionCodec.entry(action),
                            List.of(starPublic));
                    published.add(action.id());
                }
                Path log = Files.createTempFile("sequere-child", ".log");
                Process child = start(log, spec, "follow", "fan", "star");
                awaitLine(child, log, "following");
                FeedKey home = new FeedKey(fan, FeedNames.PRIVATE);
                // Killed once the import has begun (or, on a fast store, finished).
                Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(1))
                        .until(() -> backend.feeds().count(home) > 0 || !child.isAlive());
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                Sequere sequere = WorkloadChild.sequere(backend);
                try (Timelines timelines = WorkloadChild.timelines(sequere).workers(1).build()) {
                    awaitEmptyBacklog(timelines);
                    assertThat(backend.follows().exists(fan, star)).isTrue();
                    assertThat(ids(backend, home)).containsExactlyInAnyOrderElementsOf(published);
                    assertThat(timelines.of(fan).check().consistent()).isTrue();
                }
            } finally {
                dropNamespace(backend);
            }
        }
    }

    private Process start(Path log, String spec, String... mode) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkloadChild.class.getName());
        command.add(backendFactory().getName());
        command.add(spec);
        command.addAll(List.of(mode));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitExit(Process child, Path log) throws Exception {
        if (!child.waitFor(5, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError("child did not finish:\n" + tail(log));
        }
        assertThat(child.exitValue()).as("child exit status; its output:\n%s", tail(log)).isZero();
    }

    private static String awaitLine(Process child, Path log, String prefix) {
        String[] found = new String[1];
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5)).until(() -> {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith(prefix)) {
                    found[0] = line.substring(prefix.length()).trim();
                    return true;
                }
            }
            if (!child.isAlive()) {
                throw new AssertionError("child ended before printing '" + prefix + "':\n" + tail(log));
            }
            return false;
        });
        return found[0];
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void awaitEmptyBacklog(Timelines timelines) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> timelines.stats().backlog() == 0);
    }

    private static List<String> ids(Backend backend, FeedKey feed) {
        List<String> ids = new ArrayList<>();
        @Nullable FeedEntry after = null;
        while (true) {
            List<FeedEntry> page = backend.feeds().page(feed, new FeedQuery(Order.OLDEST_FIRST, after, 500));
            page.forEach(e -> ids.add(e.id()));
            if (page.size() < 500) {
                return ids;
            }
            after = page.get(page.size() - 1);
        }
    }
}
