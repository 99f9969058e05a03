package dev.sequere.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Ref;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The B+ tree behind the in-memory listings, checked against a {@link TreeSet} over random
 * inserts, removals and cursor walks. Small node capacities make a few thousand operations
 * split, merge and redistribute leaves and inner nodes on several levels.
 */
class EdgeIndexTest {

    private static final Ref SUBJECT = new Ref("project", "p");

    @ParameterizedTest(name = "capacity {0}, seed {1}")
    @CsvSource({"4, 1", "4, 2", "5, 3", "8, 4", "16, 5", "64, 6"})
    void matchesASortedSetThroughGrowthAndShrinking(int capacity, long seed) {
        Random random = new Random(seed);
        EdgeIndex index = new EdgeIndex(true, capacity);
        Comparator<FollowRecord> order = FollowRecord.BY_FOLLOWER;
        NavigableSet<FollowRecord> model = new TreeSet<>(order);
        List<FollowRecord> present = new ArrayList<>();
        long clock = 1_000;
        for (int step = 0; step < 6_000; step++) {
            // Grow for the first half (mostly appends, as live follows are), then shrink.
            boolean grow = step < 3_000 ? random.nextInt(10) < 8 : random.nextInt(10) < 3;
            if (grow || present.isEmpty()) {
                boolean append = random.nextBoolean();
                // Few distinct times, so that ties fall back to the ref.
                long since = append ? clock++ : 1_000 + random.nextInt((int) (clock - 999));
                FollowRecord record = new FollowRecord(new Ref("user", "u" + random.nextInt(500)), SUBJECT, since);
                boolean added = model.add(record);
                assertThat(index.add(record)).as("add at step %d", step).isEqualTo(added);
                if (added) {
                    present.add(record);
                }
            } else {
                FollowRecord record = present.remove(random.nextInt(present.size()));
                assertThat(index.remove(record)).as("remove at step %d", step).isTrue();
                model.remove(record);
                assertThat(index.remove(record)).as("second remove at step %d", step).isFalse();
            }
            assertThat(index.size()).isEqualTo(model.size());
            if (step % 50 == 0) {
                checkWalks(index, model, random);
            }
        }
        // Nodes at least a quarter full (two for capacity < 8): the height stays logarithmic.
        int fanOut = Math.max(2, capacity / 4);
        int bound = 2 + (int) Math.ceil(Math.log(Math.max(2, model.size())) / Math.log(fanOut));
        assertThat(index.height()).as("height with %d records", model.size()).isLessThanOrEqualTo(bound);
        while (!present.isEmpty()) {
            FollowRecord record = present.remove(present.size() - 1);
            assertThat(index.remove(record)).isTrue();
            model.remove(record);
        }
        checkWalks(index, model, random);
        assertThat(index.size()).isZero();
        assertThat(index.height()).as("an empty index is one leaf again").isEqualTo(1);
    }

    @ParameterizedTest(name = "capacity {0}")
    @CsvSource({"4", "64"})
    void appendsInTimeOrderAndPagesBothWays(int capacity) {
        EdgeIndex index = new EdgeIndex(false, capacity);
        List<FollowRecord> records = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            FollowRecord record = new FollowRecord(SUBJECT, new Ref("project", "p" + i), 10_000 + i);
            records.add(record);
            assertThat(index.add(record)).isTrue();
        }
        assertThat(index.add(records.get(500))).as("same key again").isFalse();
        List<FollowRecord> newest = new ArrayList<>();
        index.collect(true, 0, null, 3, newest);
        assertThat(newest).containsExactly(records.get(999), records.get(998), records.get(997));
        List<FollowRecord> page = new ArrayList<>();
        index.collect(true, 10_500, new Ref("project", "p500"), 2, page);
        assertThat(page).containsExactly(records.get(499), records.get(498));
        page.clear();
        index.collect(false, 10_500, new Ref("project", "p500"), 2, page);
        assertThat(page).containsExactly(records.get(501), records.get(502));
    }

    private static void checkWalks(EdgeIndex index, NavigableSet<FollowRecord> model, Random random) {
        List<FollowRecord> all = new ArrayList<>();
        index.collect(false, 0, null, Integer.MAX_VALUE, all);
        assertThat(all).containsExactlyElementsOf(model);
        List<FollowRecord> reversed = new ArrayList<>();
        index.collect(true, 0, null, Integer.MAX_VALUE, reversed);
        assertThat(reversed).containsExactlyElementsOf(model.descendingSet());
        for (int i = 0; i < 5; i++) {
            // Cursors both on and between stored keys.
            FollowRecord cursor = random.nextBoolean() && !model.isEmpty()
                    ? new ArrayList<>(model).get(random.nextInt(model.size()))
                    : new FollowRecord(new Ref("user", "u" + random.nextInt(500)), SUBJECT, 1_000 + random.nextInt(2_000));
            int max = 1 + random.nextInt(30);
            List<FollowRecord> after = new ArrayList<>();
            index.collect(false, cursor.sinceMicros, cursor.follower, max, after);
            assertThat(after).containsExactlyElementsOf(model.tailSet(cursor, false).stream().limit(max).toList());
            List<FollowRecord> before = new ArrayList<>();
            index.collect(true, cursor.sinceMicros, cursor.follower, max, before);
            assertThat(before).containsExactlyElementsOf(
                    model.headSet(cursor, false).descendingSet().stream().limit(max).toList());
        }
    }
}
