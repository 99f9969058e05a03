package dev.sequere.tck;

import static dev.sequere.tck.Times.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.SequereException;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Capability;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.spi.FeedStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract of {@link FeedStore} and of the compound operations of {@link Backend}
 * ({@link Backend#fanOut}, {@link Backend#fanOutRemove}), run against a real backend. A backend's
 * test extends it and implements {@link #createBackend()}.
 *
 * <p>Where the contract leaves a choice to the backend (the order of entry ids that tie on score)
 * only consistency is checked.
 */
public abstract class FeedStoreContract extends BackendContract {

    private static final String PRIVATE = "private";

    /**
     * Operations per thread in the concurrency test.
     *
     * @return 300 by default
     */
    protected int concurrentOperationsPerThread() {
        return 300;
    }

    /**
     * The feed store under test.
     *
     * @return the backend's feed store
     */
    protected final FeedStore feeds() {
        return backend().feeds();
    }

    static FeedKey feed(String ownerId) {
        return new FeedKey(Ref.of("user", ownerId), PRIVATE);
    }

    static FeedEntry entry(String id, long score) {
        return new FeedEntry(id, score);
    }

    static List<String> ids(List<FeedEntry> entries) {
        return entries.stream().map(FeedEntry::id).collect(Collectors.toList());
    }

    /** Checks count, content and both walk orders of a feed. */
    final List<FeedEntry> assertFeed(FeedKey feed, Map<String, Long> expected, int pageSize, String what) {
        assertThat(feeds().count(feed)).as("%s: count of %s", what, feed).isEqualTo(expected.size());
        List<FeedEntry> oldest = Listings.walk(feeds(), feed, Order.OLDEST_FIRST, pageSize);
        Listings.assertScoreOrdered(oldest, Order.OLDEST_FIRST, what);
        Map<String, Long> actual = new HashMap<>();
        oldest.forEach(e -> actual.put(e.id(), e.score()));
        assertThat(actual).as("%s: content of %s", what, feed).isEqualTo(expected);
        assertThat(Listings.walk(feeds(), feed, Order.NEWEST_FIRST, pageSize + 2))
                .as("%s: newest first is the exact reverse of oldest first", what).isEqualTo(Listings.reversed(oldest));
        return oldest;
    }

    /** Item bodies: stored once, insert-if-absent, read in batches. */
    @Nested
    public class Items {

        @Test
        void putItemInsertsOnlyIfAbsent() {
            assertThat(feeds().putItem("a1", "{\"v\":1}")).isTrue();
            assertThat(feeds().putItem("a1", "{\"v\":2}")).as("id taken").isFalse();
            assertThat(feeds().items(List.of("a1"))).containsExactly(Map.entry("a1", "{\"v\":1}"));
        }

        @Test
        void itemsReadsABatchAndLeavesMissingIdsOut() {
            feeds().putItem("a", "A");
            feeds().putItem("b", "B");
            feeds().putItem("c", "C");
            assertThat(feeds().items(List.of("a", "missing", "c"))).isEqualTo(Map.of("a", "A", "c", "C"));
            assertThat(feeds().items(List.of())).isEmpty();
            assertThat(feeds().items(List.of("nothing"))).isEmpty();
            assertThat(feeds().items(List.of("b", "b"))).isEqualTo(Map.of("b", "B"));
        }

        @Test
        void removeItemDeletesOnce() {
            feeds().putItem("a", "A");
            assertThat(feeds().removeItem("a")).isTrue();
            assertThat(feeds().removeItem("a")).isFalse();
            assertThat(feeds().removeItem("never")).isFalse();
            assertThat(feeds().items(List.of("a"))).isEmpty();
            assertThat(feeds().putItem("a", "again")).as("id free again").isTrue();
            assertThat(feeds().items(List.of("a"))).containsEntry("a", "again");
        }

        @Test
        void itemsAndFeedsAreIndependent() {
            feeds().putItem("e1", "body");
            feeds().add(entry("e1", 1), List.of(feed("a")));
            assertThat(feeds().removeItem("e1")).isTrue();
            assertThat(feeds().score(feed("a"), "e1")).as("feeds keep their entry").hasValue(1);
            feeds().putItem("e1", "body");
            assertThat(feeds().clear(feed("a"))).isEqualTo(1);
            assertThat(feeds().items(List.of("e1"))).as("items outlive feed entries").containsEntry("e1", "body");
        }

        @Test
        void bodiesRoundTripExactly() {
            Map<String, String> bodies = new HashMap<>();
            bodies.put("quotes", "{\"text\":\"it's \\\"quoted\\\"\", 'single'}; DROP TABLE x; --");
            bodies.put("unicode", "Ünïcödé 漢字 😀 👨‍👩‍👧 e\u0301 مرحبا \u2028 \u00a0");
            bodies.put("whitespace", "  line 1\n\tline 2\r\n  ");
            bodies.put("syntax", "*{}[]%_?\\/:#&=$^");
            bodies.put("empty", "");
            StringBuilder large = new StringBuilder();
            while (large.toString().getBytes(StandardCharsets.UTF_8).length < FeedStore.MAX_ITEM_BODY_BYTES - 8) {
                large.append("abc漢😀\"'\\");
            }
            while (large.toString().getBytes(StandardCharsets.UTF_8).length < FeedStore.MAX_ITEM_BODY_BYTES) {
                large.append('z');
            }
            assertThat(large.toString().getBytes(StandardCharsets.UTF_8)).hasSize(FeedStore.MAX_ITEM_BODY_BYTES);
            bodies.put("largest", large.toString());
            bodies.forEach((id, body) -> assertThat(feeds().putItem(id, body)).as(id).isTrue());
            assertThat(feeds().items(bodies.keySet())).isEqualTo(bodies);
        }

        @Test
        void itemIdsAreStoredExactly() {
            List<String> ids = TrickyIds.all();
            for (String id : ids) {
                assertThat(feeds().putItem(id, "body of " + id)).as("put '%s'", id).isTrue();
            }
            Map<String, String> read = feeds().items(ids);
            assertThat(read).hasSize(ids.size());
            for (String id : ids) {
                assertThat(read.get(id)).as("'%s'", id).isEqualTo("body of " + id);
            }
            for (List<String> pair : TrickyIds.confusablePairs()) {
                assertThat(feeds().removeItem(pair.get(1))).isTrue();
                assertThat(feeds().items(List.of(pair.get(0)))).as("'%s' after removing '%s'", pair.get(0), pair.get(1))
                        .containsEntry(pair.get(0), "body of " + pair.get(0));
                feeds().putItem(pair.get(1), "body of " + pair.get(1));
            }
        }

        @Test
        void tooLargeBodiesAndInvalidIdsAreRejectedAndNothingIsStored() {
            String tooLarge = "é".repeat(FeedStore.MAX_ITEM_BODY_BYTES / 2 + 1);
            assertThatThrownBy(() -> feeds().putItem("big", tooLarge)).isInstanceOf(InvalidArgumentException.class);
            assertThat(feeds().items(List.of("big"))).isEmpty();
            assertThatThrownBy(() -> feeds().putItem("", "x")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> feeds().putItem("x".repeat(256), "x")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> feeds().putItem("a\nb", "x")).isInstanceOf(InvalidArgumentException.class);
            assertThat(feeds().items(List.of("x".repeat(255), "a"))).isEmpty();
        }
    }

    /** Adding and removing entries across feeds, and reading scores. */
    @Nested
    public class Entries {

        @Test
        void addReachesManyFeedsAndCountsOnlyNewOnes() {
            List<FeedKey> three = List.of(feed("a"), feed("b"), feed("c"));
            assertThat(feeds().add(entry("e1", 100), three)).isEqualTo(3);
            assertThat(feeds().add(entry("e1", 100), three)).as("retry").isZero();
            assertThat(feeds().add(entry("e1", 100), List.of(feed("c"), feed("d")))).isEqualTo(1);
            assertThat(feeds().add(entry("e1", 100), List.of())).isZero();
            for (String owner : List.of("a", "b", "c", "d")) {
                assertThat(feeds().count(feed(owner))).isEqualTo(1);
                assertThat(feeds().score(feed(owner), "e1")).hasValue(100);
            }
        }

        @Test
        void addingAnExistingEntryNeverChangesItsScore() {
            feeds().add(entry("e1", 100), List.of(feed("a")));
            assertThat(feeds().add(entry("e1", 500), List.of(feed("a"), feed("b")))).isEqualTo(1);
            assertThat(feeds().score(feed("a"), "e1")).hasValue(100);
            assertThat(feeds().score(feed("b"), "e1")).hasValue(500);
            assertThat(feeds().page(feed("a"), FeedQuery.first(10))).containsExactly(entry("e1", 100));
            assertThat(feeds().count(feed("a"))).isEqualTo(1);
        }

        @Test
        void removeLeavesManyFeedsAndCountsOnlyHolders() {
            feeds().add(entry("e1", 1), List.of(feed("a"), feed("b")));
            feeds().add(entry("e2", 2), List.of(feed("a"), feed("b")));
            assertThat(feeds().remove("e1", List.of(feed("a"), feed("b"), feed("c")))).isEqualTo(2);
            assertThat(feeds().remove("e1", List.of(feed("a"), feed("b")))).as("retry").isZero();
            assertThat(feeds().remove("e1", List.of())).isZero();
            assertThat(feeds().score(feed("a"), "e1")).isEmpty();
            assertThat(feeds().page(feed("a"), FeedQuery.first(10))).containsExactly(entry("e2", 2));
            assertThat(feeds().count(feed("b"))).isEqualTo(1);
        }

        @Test
        void removeEntriesRemovesManyFromOneFeed() {
            for (int i = 0; i < 5; i++) {
                feeds().add(entry("e" + i, i), List.of(feed("a"), feed("b")));
            }
            assertThat(feeds().removeEntries(feed("a"), List.of("e1", "e3", "missing"))).isEqualTo(2);
            assertThat(feeds().removeEntries(feed("a"), List.of("e1"))).isZero();
            assertThat(feeds().removeEntries(feed("a"), List.of())).isZero();
            assertThat(ids(Listings.walk(feeds(), feed("a"), Order.OLDEST_FIRST, 10))).containsExactly("e0", "e2", "e4");
            assertThat(feeds().count(feed("b"))).as("other feed untouched").isEqualTo(5);
        }

        @Test
        void scoreIsExactOverTheWholeRange() {
            long[] scores = {FeedEntry.MAX_EXACT_SCORE, FeedEntry.MAX_EXACT_SCORE - 1, -FeedEntry.MAX_EXACT_SCORE,
                -FeedEntry.MAX_EXACT_SCORE + 1, 0, 1, -1, 1_733_000_000_123_456L};
            for (int i = 0; i < scores.length; i++) {
                feeds().add(entry("s" + i, scores[i]), List.of(feed("a")));
            }
            for (int i = 0; i < scores.length; i++) {
                assertThat(feeds().score(feed("a"), "s" + i)).as("score %d", scores[i]).hasValue(scores[i]);
            }
            assertThat(feeds().score(feed("a"), "missing")).isEmpty();
            assertThat(feeds().score(feed("other"), "s0")).isEmpty();
            List<Long> walked = Listings.walk(feeds(), feed("a"), Order.OLDEST_FIRST, 3).stream()
                    .map(FeedEntry::score).collect(Collectors.toList());
            assertThat(walked).containsExactly(-FeedEntry.MAX_EXACT_SCORE, -FeedEntry.MAX_EXACT_SCORE + 1, -1L, 0L, 1L,
                    1_733_000_000_123_456L, FeedEntry.MAX_EXACT_SCORE - 1, FeedEntry.MAX_EXACT_SCORE);
            assertThatThrownBy(() -> entry("x", FeedEntry.MAX_EXACT_SCORE + 1)).isInstanceOf(InvalidArgumentException.class);
        }
    }

    /** Keyset pages over {@code (score, id)}. */
    @Nested
    public class Paging {

        @Test
        void pagesFollowScoresWithTotalStableTies() {
            Map<String, Long> expected = new HashMap<>();
            int i = 0;
            for (String id : List.of("b", "a", "c", "1", "10", "2", "A", "😀", "a b", "1:x", "é", "e\u0301", "Z", "_", "%")) {
                long score = (i++ % 4) * 10L;
                feeds().add(entry(id, score), List.of(feed("a")));
                expected.put(id, score);
            }
            List<FeedEntry> reference = assertFeed(feed("a"), expected, 3, "ties");
            for (int pageSize : new int[] {1, 2, 4, 7, 50}) {
                assertThat(Listings.walk(feeds(), feed("a"), Order.OLDEST_FIRST, pageSize)).as("page size %d", pageSize).isEqualTo(reference);
                assertThat(Listings.walk(feeds(), feed("a"), Order.NEWEST_FIRST, pageSize)).isEqualTo(Listings.reversed(reference));
            }
            assertThat(feeds().page(feed("a"), FeedQuery.first(1))).extracting(FeedEntry::score).containsExactly(30L);
            assertThat(feeds().page(feed("empty"), FeedQuery.first(5))).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(Order.class)
        void aPositionWhoseEntryWasDeletedStillWorks(Order order) {
            for (int i = 0; i < 15; i++) {
                feeds().add(entry("e" + i, (i / 3) * 10L), List.of(feed("a")));
            }
            List<FeedEntry> full = Listings.walk(feeds(), feed("a"), order, 100);
            for (int k : new int[] {0, 2, 5, 9, 13, 14}) {
                FeedEntry position = full.get(k);
                feeds().removeEntries(feed("a"), List.of(position.id()));
                assertThat(feeds().page(feed("a"), new FeedQuery(order, position, 100)))
                        .as("%s after deleted position %d", order, k).isEqualTo(full.subList(k + 1, full.size()));
                feeds().add(position, List.of(feed("a")));
            }
            FeedEntry never = entry("never", 25);
            assertThat(feeds().page(feed("a"), new FeedQuery(order, never, 100))).extracting(FeedEntry::score)
                    .allMatch(score -> order == Order.OLDEST_FIRST ? score > 25 : score < 25);
        }

        @ParameterizedTest
        @EnumSource(Order.class)
        void writesBetweenPagesNeverRepeatOrSkipWhatExistedThroughout(Order order) {
            long seed = Seeds.seed(11_2026L);
            Random random = new Random(seed);
            Set<String> stable = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                feeds().add(entry("s" + i, (i / 4) * 10L), List.of(feed("a")));
                stable.add("s" + i);
            }
            for (int i = 0; i < 20; i++) {
                feeds().add(entry("v" + i, (i / 2) * 10L + (i % 2) * 5), List.of(feed("a")));
            }
            List<FeedEntry> seen = new ArrayList<>();
            FeedEntry after = null;
            for (int n = 0; n < 1000; n++) {
                List<FeedEntry> page = feeds().page(feed("a"), new FeedQuery(order, after, 3));
                seen.addAll(page);
                if (page.size() < 3) {
                    break;
                }
                after = page.get(2);
                feeds().removeEntries(feed("a"), List.of("v" + random.nextInt(20)));
                feeds().add(entry("n" + n, random.nextInt(11) * 10L + random.nextInt(2) * 5), List.of(feed("a")));
                feeds().add(entry("other" + n, random.nextInt(100)), List.of(feed("b")));
            }
            String what = Seeds.replay(seed) + ", " + order;
            Listings.assertScoreOrdered(seen, order, what);
            assertThat(ids(seen)).as(what).containsAll(stable);
            List<String> seenStable = ids(seen).stream().filter(stable::contains).collect(Collectors.toList());
            List<String> freshStable = ids(Listings.walk(feeds(), feed("a"), order, 50)).stream()
                    .filter(stable::contains).collect(Collectors.toList());
            assertThat(seenStable).as(what + ": order of entries that existed throughout").isEqualTo(freshStable);
        }
    }

    /** Counting and bounding a feed. */
    @Nested
    public class CountsAndRetention {

        private void fill() {
            for (long score : new long[] {10, 20, 20, 30, 40}) {
                feeds().add(entry("e" + score + "-" + feeds().count(feed("a")), score), List.of(feed("a")));
            }
        }

        @Test
        void countNewerIsStrict() {
            fill();
            assertThat(feeds().count(feed("a"))).isEqualTo(5);
            assertThat(feeds().countNewer(feed("a"), 20)).isEqualTo(2);
            assertThat(feeds().countNewer(feed("a"), 19)).isEqualTo(4);
            assertThat(feeds().countNewer(feed("a"), 40)).isZero();
            assertThat(feeds().countNewer(feed("a"), -FeedEntry.MAX_EXACT_SCORE)).isEqualTo(5);
            assertThat(feeds().countNewer(feed("none"), 0)).isZero();
            assertThat(feeds().count(feed("none"))).isZero();
        }

        @Test
        void trimKeepsTheHighestEntries() {
            fill();
            List<FeedEntry> newest = feeds().page(feed("a"), FeedQuery.first(10));
            assertThat(feeds().trim(feed("a"), 10)).as("keep more than the size").isZero();
            assertThat(feeds().trim(feed("a"), 5)).as("keep exactly the size").isZero();
            assertThat(feeds().trim(feed("a"), 3)).isEqualTo(2);
            assertThat(feeds().page(feed("a"), FeedQuery.first(10))).as("the first 3 of newest first, ties included")
                    .isEqualTo(newest.subList(0, 3));
            assertThat(feeds().count(feed("a"))).isEqualTo(3);
            assertThat(feeds().trim(feed("a"), 0)).isEqualTo(3);
            assertThat(feeds().count(feed("a"))).isZero();
            assertThat(feeds().trim(feed("a"), 0)).isZero();
            assertThat(feeds().trim(feed("none"), 1)).isZero();
        }

        @Test
        void trimRejectsANegativeKeep() {
            fill();
            assertThatThrownBy(() -> feeds().trim(feed("a"), -1)).isInstanceOf(InvalidArgumentException.class);
            assertThat(feeds().count(feed("a"))).isEqualTo(5);
        }

        @Test
        void removeOlderThanIsStrict() {
            fill();
            assertThat(feeds().removeOlderThan(feed("a"), 10)).isZero();
            assertThat(feeds().removeOlderThan(feed("a"), 20)).isEqualTo(1);
            assertThat(feeds().removeOlderThan(feed("a"), 21)).isEqualTo(2);
            assertThat(feeds().page(feed("a"), new FeedQuery(Order.OLDEST_FIRST, null, 10)))
                    .extracting(FeedEntry::score).containsExactly(30L, 40L);
            assertThat(feeds().removeOlderThan(feed("none"), 100)).isZero();
        }

        @Test
        void clearEmptiesOneFeed() {
            fill();
            feeds().add(entry("x", 1), List.of(feed("b")));
            assertThat(feeds().clear(feed("a"))).isEqualTo(5);
            assertThat(feeds().clear(feed("a"))).isZero();
            assertThat(feeds().count(feed("a"))).isZero();
            assertThat(feeds().page(feed("a"), FeedQuery.first(10))).isEmpty();
            assertThat(feeds().count(feed("b"))).isEqualTo(1);
            assertThat(feeds().add(entry("again", 1), List.of(feed("a")))).isEqualTo(1);
        }
    }

    /** Feeds are told apart by owner type, owner id and name, whatever those hold. */
    @Nested
    public class Isolation {

        @Test
        void ownersAndNamesNeverCollide() {
            List<FeedKey> keys = new ArrayList<>();
            for (String id : TrickyIds.all()) {
                keys.add(new FeedKey(Ref.of("user", id), PRIVATE));
            }
            keys.add(new FeedKey(Ref.of("project", "1"), PRIVATE));
            keys.add(new FeedKey(Ref.of("user", "1"), "public"));
            keys.add(new FeedKey(Ref.of("user", "1"), "private.v.like"));
            keys.add(new FeedKey(Ref.of("user", "1"), "private.v"));
            keys.add(new FeedKey(Ref.of("user", "1:private"), "private"));
            keys.add(new FeedKey(Ref.of("user-1", "private"), "private"));
            keys.add(new FeedKey(Ref.of("a", "b-c"), "d"));
            keys.add(new FeedKey(Ref.of("a-b", "c"), "d"));
            keys.add(new FeedKey(Ref.of("a", "b"), "c-d"));
            keys.add(new FeedKey(Ref.of("a", "b.c"), "d"));
            keys.add(new FeedKey(Ref.of("a", "b"), "c.d"));
            assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
            for (int i = 0; i < keys.size(); i++) {
                assertThat(feeds().add(entry("only-" + i, i), List.of(keys.get(i)))).as("%s", keys.get(i)).isEqualTo(1);
            }
            for (int i = 0; i < keys.size(); i++) {
                assertThat(feeds().page(keys.get(i), FeedQuery.first(5))).as("%s", keys.get(i)).containsExactly(entry("only-" + i, i));
                assertThat(feeds().count(keys.get(i))).isEqualTo(1);
            }
            for (int i = 0; i < keys.size(); i += 3) {
                assertThat(feeds().clear(keys.get(i))).isEqualTo(1);
            }
            for (int i = 0; i < keys.size(); i++) {
                assertThat(feeds().count(keys.get(i))).as("after clearing every third: %s", keys.get(i)).isEqualTo(i % 3 == 0 ? 0 : 1);
            }
        }

        @Test
        void trickyEntryIdsRoundTripAndStayApart() {
            List<String> ids = TrickyIds.all();
            for (int i = 0; i < ids.size(); i++) {
                assertThat(feeds().add(entry(ids.get(i), i), List.of(feed("a")))).as("'%s'", ids.get(i)).isEqualTo(1);
            }
            assertThat(ids(Listings.walk(feeds(), feed("a"), Order.OLDEST_FIRST, 9))).containsExactlyElementsOf(ids);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(feeds().score(feed("a"), ids.get(i))).as("'%s'", ids.get(i)).hasValue(i);
            }
            for (List<String> pair : TrickyIds.confusablePairs()) {
                long before = feeds().count(feed("a"));
                assertThat(feeds().removeEntries(feed("a"), List.of(pair.get(1)))).isEqualTo(1);
                assertThat(feeds().score(feed("a"), pair.get(0))).as("'%s' after removing '%s'", pair.get(0), pair.get(1)).isPresent();
                assertThat(feeds().count(feed("a"))).isEqualTo(before - 1);
                feeds().add(entry(pair.get(1), 0), List.of(feed("a")));
            }
        }
    }

    /** Many threads adding and removing the same entries in overlapping feeds. */
    @Nested
    public class Concurrency {

        @Test
        void concurrentAddsAndRemovesKeepCountsExact() throws Exception {
            long seed = Seeds.seed(31_337L);
            List<FeedKey> keys = List.of(feed("a"), feed("b"), feed("c"), feed("d"));
            int threads = 8;
            int operations = concurrentOperationsPerThread();
            AtomicLong added = new AtomicLong();
            AtomicLong removed = new AtomicLong();
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Random random = new Random(seed + t);
                    done.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        for (int i = 0; i < operations; i++) {
                            int n = random.nextInt(6);
                            List<FeedKey> some = new ArrayList<>(keys.subList(random.nextInt(keys.size()), keys.size()));
                            if (random.nextInt(3) > 0) {
                                added.addAndGet(feeds().add(entry("e" + n, n * 10L), some));
                            } else {
                                removed.addAndGet(feeds().remove("e" + n, some));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            String what = Seeds.replay(seed);
            long total = 0;
            for (FeedKey key : keys) {
                List<FeedEntry> listed = Listings.walk(feeds(), key, Order.OLDEST_FIRST, 2);
                assertThat(feeds().count(key)).as(what + ": count of %s equals its listing", key).isEqualTo(listed.size());
                Listings.assertScoreOrdered(listed, Order.OLDEST_FIRST, what);
                for (FeedEntry e : listed) {
                    assertThat(e.score()).as(what + ": score never changed").isEqualTo(Long.parseLong(e.id().substring(1)) * 10L);
                }
                total += listed.size();
            }
            assertThat(added.get() - removed.get()).as(what + ": added minus removed equals what is stored").isEqualTo(total);
        }
    }

    /** {@link Backend#fanOut} and {@link Backend#fanOutRemove}. */
    @Nested
    public class FanOut {

        private final Ref source = Ref.of("user", "author");

        private List<Ref> followers(int n) {
            List<Ref> refs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Ref follower = Ref.of(i % 2 == 0 ? "user" : "project", "f" + i);
                backend().follows().follow(follower, source, at(i / 2));
                refs.add(follower);
            }
            return refs;
        }

        @Test
        void everyFollowerGetsTheEntryOnce() {
            List<Ref> followers = followers(10);
            Ref outsider = Ref.of("user", "outsider");
            backend().follows().follow(source, outsider, at(1));
            FeedEntry entry = entry("action-1", 1_000);

            assertThat(backend().fanOut(source, "private", entry, 3)).isEqualTo(10);
            for (Ref follower : followers) {
                assertThat(feeds().score(new FeedKey(follower, "private"), "action-1")).as("%s", follower).hasValue(1_000);
                assertThat(feeds().count(new FeedKey(follower, "public"))).isZero();
            }
            assertThat(feeds().count(new FeedKey(outsider, "private"))).as("not a follower").isZero();
            assertThat(feeds().count(new FeedKey(source, "private"))).as("the source itself").isZero();

            assertThat(backend().fanOut(source, "private", entry, 3)).as("retry").isZero();
            assertThat(backend().fanOut(source, "private", entry("action-1", 5), Backend.DEFAULT_FAN_OUT_BATCH)).isZero();
            assertThat(feeds().score(new FeedKey(followers.get(0), "private"), "action-1")).hasValue(1_000);
        }

        @Test
        void followersThatAlreadyHoldTheEntryAreNotCounted() {
            List<Ref> followers = followers(5);
            feeds().add(entry("x", 1), List.of(new FeedKey(followers.get(0), "private"), new FeedKey(followers.get(3), "private")));
            assertThat(backend().fanOut(source, "private", entry("x", 1), 2)).isEqualTo(3);
        }

        @ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 7, 25, 26, 1_000})
        void batchSizesSmallerOrLargerThanTheFollowerCountWork(int batchSize) {
            List<Ref> followers = followers(25);
            assertThat(backend().fanOut(source, "home", entry("e", 7), batchSize)).isEqualTo(25);
            for (Ref follower : followers) {
                assertThat(feeds().count(new FeedKey(follower, "home"))).isEqualTo(1);
            }
            assertThat(backend().fanOutRemove(source, "home", "e", batchSize)).isEqualTo(25);
            for (Ref follower : followers) {
                assertThat(feeds().count(new FeedKey(follower, "home"))).isZero();
            }
        }

        @Test
        void manyFollowersTiedInTimeAllGetTheEntryAcrossBatches() {
            int n = 3_000;
            for (int i = 0; i < n; i++) {
                // One shared time: batches must be cut inside a tie without losing anyone.
                backend().follows().follow(Ref.of("user", "fan" + i), source, at(42));
            }
            assertThat(backend().fanOut(source, "private", entry("big", 1), 1_000)).isEqualTo(n);
            assertThat(backend().fanOut(source, "private", entry("big", 1), 999)).as("retry").isZero();
            for (int i = 0; i < n; i += 97) {
                assertThat(feeds().score(new FeedKey(Ref.of("user", "fan" + i), "private"), "big")).as("fan%d", i).hasValue(1);
            }
            assertThat(backend().fanOutRemove(source, "private", "big", 1_000)).isEqualTo(n);
        }

        @Test
        void nativeFanOutIsDeclaredOnlyWhenImplemented() throws Exception {
            Class<?> declaring = backend().getClass()
                    .getMethod("fanOut", Ref.class, String.class, FeedEntry.class, int.class).getDeclaringClass();
            if (backend().capabilities().contains(Capability.NATIVE_FAN_OUT)) {
                assertThat(declaring).as("NATIVE_FAN_OUT is declared, so fanOut must be overridden").isNotEqualTo(Backend.class);
            }
        }

        @Test
        void noFollowersMeansNothingToDo() {
            assertThat(backend().fanOut(Ref.of("user", "lonely"), "private", entry("e", 1), 10)).isZero();
            assertThat(backend().fanOutRemove(Ref.of("user", "lonely"), "private", "e", 10)).isZero();
        }

        @Test
        void fanOutRemoveTakesTheEntryFromFollowersOnly() {
            List<Ref> followers = followers(6);
            Ref outsider = Ref.of("user", "outsider");
            backend().fanOut(source, "private", entry("e", 1), 4);
            feeds().add(entry("e", 1), List.of(new FeedKey(outsider, "private")));
            feeds().add(entry("keep", 2), List.of(new FeedKey(followers.get(0), "private")));
            assertThat(backend().fanOutRemove(source, "private", "e", 4)).isEqualTo(6);
            assertThat(backend().fanOutRemove(source, "private", "e", 4)).as("retry").isZero();
            assertThat(feeds().count(new FeedKey(outsider, "private"))).isEqualTo(1);
            assertThat(feeds().page(new FeedKey(followers.get(0), "private"), FeedQuery.first(5))).containsExactly(entry("keep", 2));
        }

        @Test
        void invalidArgumentsAreRejected() {
            followers(2);
            assertThatThrownBy(() -> backend().fanOut(source, "private", entry("e", 1), 0)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> backend().fanOut(source, "Bad Name", entry("e", 1), 10)).isInstanceOf(SequereException.class);
            assertThatThrownBy(() -> backend().fanOutRemove(source, "private", "", 10)).isInstanceOf(InvalidArgumentException.class);
            assertThat(feeds().count(new FeedKey(Ref.of("user", "f0"), "private"))).isZero();
            OptionalLong none = feeds().score(new FeedKey(Ref.of("user", "f0"), "private"), "e");
            assertThat(none).isEmpty();
        }
    }

    /** A long random sequence of feed operations, compared with a plain map model as it goes. */
    @Nested
    public class AgainstTheReferenceModel {

        @Test
        void aSeededRandomSequenceMatchesTheModel() {
            long seed = Seeds.seed(0xFEED_5EEDL);
            Random random = new Random(seed);
            List<FeedKey> keys = List.of(feed("a"), feed("a:private"), new FeedKey(Ref.of("project", "a"), PRIVATE),
                    new FeedKey(Ref.of("user", "a"), "public"));
            List<String> ids = List.of("1", "2", "10", "1:x", "{1}", "é", "e\u0301", "A", "a", "😀", "x y", "%");
            Map<FeedKey, Map<String, Long>> model = new HashMap<>();
            keys.forEach(k -> model.put(k, new HashMap<>()));
            for (int step = 1; step <= 400; step++) {
                String what = Seeds.replay(seed) + ", step " + step;
                FeedKey key = keys.get(random.nextInt(keys.size()));
                Map<String, Long> feed = model.get(key);
                String id = ids.get(random.nextInt(ids.size()));
                int op = random.nextInt(100);
                if (op < 45) {
                    List<FeedKey> some = new ArrayList<>(new HashSet<>(List.of(key, keys.get(random.nextInt(keys.size())))));
                    long score = random.nextInt(6) * 10L;
                    long expected = some.stream().filter(k -> model.get(k).putIfAbsent(id, score) == null).count();
                    assertThat(feeds().add(entry(id, score), some)).as("%s: add %s to %s", what, id, some).isEqualTo(expected);
                } else if (op < 60) {
                    List<FeedKey> some = new ArrayList<>(new HashSet<>(List.of(key, keys.get(random.nextInt(keys.size())))));
                    long expected = some.stream().filter(k -> model.get(k).remove(id) != null).count();
                    assertThat(feeds().remove(id, some)).as("%s: remove %s from %s", what, id, some).isEqualTo(expected);
                } else if (op < 70) {
                    List<String> gone = List.of(id, ids.get(random.nextInt(ids.size())));
                    long expected = new HashSet<>(gone).stream().filter(i -> feed.remove(i) != null).count();
                    assertThat(feeds().removeEntries(key, gone)).as("%s: removeEntries %s", what, gone).isEqualTo(expected);
                } else if (op < 80) {
                    int keep = random.nextInt(6);
                    // Which of equal scores survive is the backend's tie order: read it first.
                    List<FeedEntry> newest = Listings.walk(feeds(), key, Order.NEWEST_FIRST, 100);
                    long expected = Math.max(0, newest.size() - keep);
                    assertThat(feeds().trim(key, keep)).as("%s: trim %s to %d", what, key, keep).isEqualTo(expected);
                    feed.clear();
                    newest.stream().limit(keep).forEach(e -> feed.put(e.id(), e.score()));
                } else if (op < 88) {
                    long bound = random.nextInt(7) * 10L - 5 + random.nextInt(2) * 5;
                    long expected = feed.values().stream().filter(v -> v < bound).count();
                    feed.values().removeIf(v -> v < bound);
                    assertThat(feeds().removeOlderThan(key, bound)).as("%s: removeOlderThan %d", what, bound).isEqualTo(expected);
                } else if (op < 90) {
                    long expected = feed.size();
                    feed.clear();
                    assertThat(feeds().clear(key)).as("%s: clear", what).isEqualTo(expected);
                } else {
                    long bound = random.nextInt(7) * 10L - 5 + random.nextInt(2) * 5;
                    assertThat(feeds().countNewer(key, bound)).as("%s: countNewer %d", what, bound)
                            .isEqualTo(feed.values().stream().filter(v -> v > bound).count());
                    Long score = feed.get(id);
                    assertThat(feeds().score(key, id)).as("%s: score of %s", what, id)
                            .isEqualTo(score == null ? OptionalLong.empty() : OptionalLong.of(score));
                }
                if (step % 20 == 0) {
                    for (FeedKey k : keys) {
                        assertFeed(k, model.get(k), 1 + random.nextInt(4), what);
                    }
                }
            }
        }
    }

    /** Declared persistence or sharing, checked through a second instance over the same data. */
    @Nested
    public class SharedAcrossInstances {

        @Test
        void feedsAndItemsWrittenThroughOneInstanceAreSeenByTheOther() {
            Backend other = SharedStorage.requireSecondInstance(backend(), FeedStoreContract.this::openAnother);
            try {
                FeedStore second = other.feeds();
                assertThat(feeds().putItem("i", "body")).isTrue();
                assertThat(second.putItem("i", "other body")).isFalse();
                assertThat(second.items(List.of("i"))).containsEntry("i", "body");
                assertThat(feeds().add(entry("e", 5), List.of(feed("a"), feed("b")))).isEqualTo(2);
                assertThat(second.add(entry("e", 9), List.of(feed("a"), feed("c")))).isEqualTo(1);
                assertThat(second.score(feed("a"), "e")).hasValue(5);
                assertThat(feeds().count(feed("c"))).isEqualTo(1);
                assertThat(second.page(feed("b"), FeedQuery.first(5))).isEqualTo(feeds().page(feed("b"), FeedQuery.first(5)));
                assertThat(second.remove("e", List.of(feed("a"), feed("b"), feed("c")))).isEqualTo(3);
                assertThat(feeds().count(feed("a"))).isZero();
                assertThat(second.removeItem("i")).isTrue();
                assertThat(feeds().items(List.of("i"))).isEmpty();
            } finally {
                other.close();
            }
        }
    }
}
