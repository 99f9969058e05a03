package dev.sequere.memory;

import dev.sequere.Ref;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The follows of one resource in one direction for one type of the other side, in time order
 * {@code (since, other side's ref)}, with its size kept beside it.
 *
 * <p>A B+ tree of sorted arrays, oldest first. Every access except {@link #size()} happens under
 * the owning node's lock: writes already take it to keep both directions and the counters in
 * one step, so the index need not be a lock-free structure. Compared with the concurrent skip
 * list it replaces, an insert allocates nothing in the common case (one leaf of
 * {@value #DEFAULT_CAPACITY} slots every {@value #DEFAULT_CAPACITY} edges), compares primitive
 * times held in the leaf instead of dereferencing every record on the way down, and a follow
 * newer than everything in the index (the usual case: follows happen now) is appended to the
 * rightmost leaf without a descent. Each entry costs a {@code long} and a reference, about 12
 * bytes at the near-full leaves that appends leave behind, against about 36 for a skip-list
 * node and its share of index nodes. Insert, remove and positioning take O(log n); nodes below
 * a quarter full are merged with or refilled from a sibling, so the height stays logarithmic
 * in the current size.
 */
final class EdgeIndex {

    /** Slots per leaf and children per inner node. */
    static final int DEFAULT_CAPACITY = 64;

    /** Slots of a fresh root leaf: most resources have few edges of a given type. */
    private static final int INITIAL_ROOT_SLOTS = 2;

    private final boolean byFollower;
    private final int capacity;
    private final int minimum;

    private Node root;
    /** The rightmost leaf, where a follow newer than all others goes. */
    private Leaf last;
    private volatile long size;

    /** Scratch for a split: the first key of the new right node, read by its parent right after. */
    private long splitSince;
    private @Nullable Ref splitRef;

    /**
     * @param byFollower whether the index holds followers (keyed by the follower) rather than
     *        followings (keyed by the followee)
     */
    EdgeIndex(boolean byFollower) {
        this(byFollower, DEFAULT_CAPACITY);
    }

    /** With a small capacity, tests reach splits, merges and deep trees with few edges. */
    EdgeIndex(boolean byFollower, int capacity) {
        if (capacity < 4) {
            throw new IllegalArgumentException("capacity must be at least 4, was " + capacity);
        }
        this.byFollower = byFollower;
        this.capacity = capacity;
        // At least two, so that a non-root inner node never shrinks to one child.
        this.minimum = Math.max(2, capacity / 4);
        Leaf leaf = new Leaf(Math.min(INITIAL_ROOT_SLOTS, capacity));
        this.root = leaf;
        this.last = leaf;
    }

    /** The ref this index orders a record by. */
    Ref keyRef(FollowRecord record) {
        return byFollower ? record.follower : record.followee;
    }

    long size() {
        return size;
    }

    /**
     * Adds a record. Caller holds the owning node's lock.
     *
     * @return whether it was added ({@code false} if a record with its key is already present)
     */
    boolean add(FollowRecord record) {
        long since = record.sinceMicros;
        Ref ref = keyRef(record);
        Leaf tail = last;
        int n = tail.size;
        if (n > 0 && n < capacity && isAfter(since, ref, tail.since[n - 1], tail.records[n - 1])) {
            // Newer than everything: append, no descent and no search.
            tail.insertAt(n, since, record, capacity);
        } else {
            Node split = insert(root, since, ref, record);
            if (split == DUPLICATE) {
                return false;
            }
            if (split != null) {
                Inner top = new Inner(capacity);
                top.children[0] = root;
                top.children[1] = split;
                top.since[1] = splitSince;
                top.refs[1] = splitRef;
                top.size = 2;
                root = top;
            }
            last = rightmostLeaf();   // a split anywhere on the right edge moves it
        }
        size++;
        return true;
    }

    /**
     * Removes a record. Caller holds the owning node's lock.
     *
     * @return whether it was present
     */
    boolean remove(FollowRecord record) {
        if (!remove(root, record.sinceMicros, keyRef(record), record)) {
            return false;
        }
        if (root instanceof Inner inner && inner.size == 1) {
            root = inner.children[0];
        }
        last = rightmostLeaf();
        size--;
        return true;
    }

    /**
     * Appends to {@code out}, in order, the records that come strictly after the position
     * {@code (afterSince, afterRef)} (all records when {@code afterRef} is null), until
     * {@code out} holds {@code max} records. Caller holds the owning node's lock.
     *
     * @param newestFirst the walking order, newest first or oldest first
     */
    void collect(boolean newestFirst, long afterSince, @Nullable Ref afterRef, int max, List<FollowRecord> out) {
        if (out.size() >= max) {
            return;
        }
        if (newestFirst) {
            descend(root, afterRef != null, afterSince, afterRef, max, out);
        } else {
            ascend(root, afterRef != null, afterSince, afterRef, max, out);
        }
    }

    /** Whether {@code (since, ref)} comes after the key of {@code record}; its ref is read only on a tie. */
    private boolean isAfter(long since, Ref ref, long recordSince, FollowRecord record) {
        return since > recordSince || since == recordSince && ref.compareTo(keyRef(record)) > 0;
    }

    /** Returned by {@link #insert} when the key is already present. */
    private static final Node DUPLICATE = new Leaf(0);

    /**
     * Inserts below {@code node}; returns the new right sibling when {@code node} split (its
     * first key in {@link #splitSince}/{@link #splitRef}), null when it did not, or
     * {@link #DUPLICATE}.
     */
    private @Nullable Node insert(Node node, long since, Ref ref, FollowRecord record) {
        if (node instanceof Leaf leaf) {
            int at = leaf.search(since, ref, byFollower);
            if (at >= 0) {
                return DUPLICATE;
            }
            return leaf.insertAt(-at - 1, since, record, capacity) ? null : splitLeaf(leaf, -at - 1, since, ref, record);
        }
        Inner inner = (Inner) node;
        int child = inner.childFor(since, ref);
        Node split = insert(inner.children[child], since, ref, record);
        if (split == null || split == DUPLICATE) {
            return split;
        }
        return inner.insertChild(child + 1, splitSince, splitRef, split, capacity) ? null : splitInner(inner, child + 1, split);
    }

    private Leaf splitLeaf(Leaf leaf, int at, long since, Ref ref, FollowRecord record) {
        Leaf right = new Leaf(capacity);
        if (at == capacity) {
            // Appending at the end (time-ordered follows): leave this leaf full, start the next.
            right.insertAt(0, since, record, capacity);
        } else {
            int half = capacity / 2;
            leaf.moveTailTo(half, right);
            if (at <= half) {
                leaf.insertAt(at, since, record, capacity);
            } else {
                right.insertAt(at - half, since, record, capacity);
            }
        }
        splitSince = right.since[0];
        splitRef = keyRef(right.records[0]);
        return right;
    }

    private Inner splitInner(Inner inner, int at, Node child) {
        long childSince = splitSince;
        Ref childRef = splitRef;
        Inner right = new Inner(capacity);
        if (at == capacity) {
            right.children[0] = child;
            right.size = 1;
            splitSince = childSince;
            splitRef = childRef;
            return right;
        }
        int half = capacity / 2;
        // Children [half, capacity) move right; the separator of child `half` moves up.
        long upSince = inner.since[half];
        Ref upRef = inner.refs[half];
        inner.moveTail(half, right);
        if (at <= half) {
            inner.insertChild(at, childSince, childRef, child, capacity);
        } else {
            right.insertChild(at - half, childSince, childRef, child, capacity);
        }
        splitSince = upSince;
        splitRef = upRef;
        return right;
    }

    private boolean remove(Node node, long since, Ref ref, FollowRecord record) {
        if (node instanceof Leaf leaf) {
            int at = leaf.search(since, ref, byFollower);
            if (at < 0 || leaf.records[at] != record) {
                return false;
            }
            leaf.removeAt(at);
            return true;
        }
        Inner inner = (Inner) node;
        int child = inner.childFor(since, ref);
        if (!remove(inner.children[child], since, ref, record)) {
            return false;
        }
        if (inner.children[child].size < minimum) {
            rebalance(inner, child);
        }
        return true;
    }

    /** Merges the under-full child {@code at} with a sibling, or moves entries over from it. */
    private void rebalance(Inner parent, int at) {
        int left = at > 0 ? at - 1 : at;
        int right = left + 1;
        if (right >= parent.size) {
            return;   // an only child: the parent is the root and collapses in remove()
        }
        Node l = parent.children[left];
        Node r = parent.children[right];
        if (l instanceof Leaf ll) {
            Leaf rl = (Leaf) r;
            if (ll.size + rl.size <= capacity) {
                rl.moveHeadTo(rl.size, ll);
                parent.removeChild(right);
            } else if (ll.size < rl.size) {
                rl.moveHeadTo((rl.size - ll.size) / 2, ll);
                parent.since[right] = rl.since[0];
                parent.refs[right] = keyRef(rl.records[0]);
            } else {
                ll.moveTailTo(ll.size - (ll.size - rl.size) / 2, rl);
                parent.since[right] = rl.since[0];
                parent.refs[right] = keyRef(rl.records[0]);
            }
            return;
        }
        Inner li = (Inner) l;
        Inner ri = (Inner) r;
        if (li.size + ri.size <= capacity) {
            li.absorb(parent.since[right], parent.refs[right], ri);
            parent.removeChild(right);
        } else if (li.size < ri.size) {
            int moves = (ri.size - li.size) / 2;
            for (int i = 0; i < moves; i++) {
                // The parent's separator comes down to the left, the right's first goes up.
                li.insertChild(li.size, parent.since[right], parent.refs[right], ri.children[0], capacity);
                parent.since[right] = ri.since[1];
                parent.refs[right] = ri.refs[1];
                ri.removeChild(0);
                ri.refs[0] = null;
            }
        } else {
            int moves = (li.size - ri.size) / 2;
            for (int i = 0; i < moves; i++) {
                int lastChild = li.size - 1;
                // Shift the right node's first separator (unused at 0) into place, then prepend.
                ri.since[0] = parent.since[right];
                ri.refs[0] = parent.refs[right];
                ri.insertChild(0, 0, null, li.children[lastChild], capacity);
                parent.since[right] = li.since[lastChild];
                parent.refs[right] = li.refs[lastChild];
                li.removeChild(lastChild);
            }
        }
    }

    /** Levels of the tree, 1 for a single leaf; for tests of the rebalancing. */
    int height() {
        int height = 1;
        for (Node node = root; node instanceof Inner inner; node = inner.children[0]) {
            height++;
        }
        return height;
    }

    private Leaf rightmostLeaf() {
        Node node = root;
        while (node instanceof Inner inner) {
            node = inner.children[inner.size - 1];
        }
        return (Leaf) node;
    }

    private boolean ascend(Node node, boolean bounded, long since, @Nullable Ref ref, int max,
            List<FollowRecord> out) {
        if (node instanceof Leaf leaf) {
            int from = 0;
            if (bounded) {
                int at = leaf.search(since, ref, byFollower);
                from = at >= 0 ? at + 1 : -at - 1;
            }
            for (int i = from; i < leaf.size; i++) {
                out.add(leaf.records[i]);
                if (out.size() >= max) {
                    return false;
                }
            }
            return true;
        }
        Inner inner = (Inner) node;
        int first = bounded ? inner.childFor(since, ref) : 0;
        for (int i = first; i < inner.size; i++) {
            if (!ascend(inner.children[i], bounded && i == first, since, ref, max, out)) {
                return false;
            }
        }
        return true;
    }

    private boolean descend(Node node, boolean bounded, long since, @Nullable Ref ref, int max,
            List<FollowRecord> out) {
        if (node instanceof Leaf leaf) {
            int from = leaf.size - 1;
            if (bounded) {
                int at = leaf.search(since, ref, byFollower);
                from = at >= 0 ? at - 1 : -at - 2;
            }
            for (int i = from; i >= 0; i--) {
                out.add(leaf.records[i]);
                if (out.size() >= max) {
                    return false;
                }
            }
            return true;
        }
        Inner inner = (Inner) node;
        int first = bounded ? inner.childFor(since, ref) : inner.size - 1;
        for (int i = first; i >= 0; i--) {
            if (!descend(inner.children[i], bounded && i == first, since, ref, max, out)) {
                return false;
            }
        }
        return true;
    }

    /** A tree node: {@code size} entries (leaf) or children (inner), keyed by time then ref. */
    private abstract static class Node {
        long[] since;
        int size;
    }

    /**
     * Records with their times beside them, so a search compares primitives and touches a
     * record (and its refs) only on a tie of times.
     */
    private static final class Leaf extends Node {
        FollowRecord[] records;

        Leaf(int slots) {
            since = new long[slots];
            records = new FollowRecord[slots];
        }

        /**
         * Binary search: the index of the key, or {@code -(insertion point) - 1}. The ref of the
         * key is read from the record only when times tie.
         */
        int search(long key, Ref ref, boolean byFollower) {
            int low = 0;
            int high = size - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                long s = since[mid];
                int c = s < key ? -1 : s > key ? 1
                        : (byFollower ? records[mid].follower : records[mid].followee).compareTo(ref);
                if (c < 0) {
                    low = mid + 1;
                } else if (c > 0) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(low + 1);
        }

        /** Inserts at {@code at}, growing the arrays up to {@code capacity}; false when full. */
        boolean insertAt(int at, long key, FollowRecord record, int capacity) {
            if (size == since.length) {
                if (size >= capacity) {
                    return false;
                }
                int slots = Math.min(capacity, Math.max(4, size * 2));
                since = Arrays.copyOf(since, slots);
                records = Arrays.copyOf(records, slots);
            }
            System.arraycopy(since, at, since, at + 1, size - at);
            System.arraycopy(records, at, records, at + 1, size - at);
            since[at] = key;
            records[at] = record;
            size++;
            return true;
        }

        void removeAt(int at) {
            System.arraycopy(since, at + 1, since, at, size - at - 1);
            System.arraycopy(records, at + 1, records, at, size - at - 1);
            size--;
            records[size] = null;
        }

        /** Moves entries {@code [from, size)} to the front of {@code to}, the right neighbour. */
        void moveTailTo(int from, Leaf to) {
            int n = size - from;
            System.arraycopy(to.since, 0, to.since, n, to.size);
            System.arraycopy(to.records, 0, to.records, n, to.size);
            System.arraycopy(since, from, to.since, 0, n);
            System.arraycopy(records, from, to.records, 0, n);
            to.size += n;
            Arrays.fill(records, from, size, null);
            size = from;
        }

        /** Moves the first {@code n} entries to the end of {@code to}, the left neighbour. */
        void moveHeadTo(int n, Leaf to) {
            System.arraycopy(since, 0, to.since, to.size, n);
            System.arraycopy(records, 0, to.records, to.size, n);
            to.size += n;
            System.arraycopy(since, n, since, 0, size - n);
            System.arraycopy(records, n, records, 0, size - n);
            Arrays.fill(records, size - n, size, null);
            size -= n;
        }
    }

    /**
     * Children with separators: {@code since[i], refs[i]} (for {@code i >= 1}) is at most the
     * smallest key under {@code children[i]} and greater than every key under
     * {@code children[i - 1]}. Separators are plain keys, not records, so a removed record is
     * not kept alive by a stale separator.
     */
    private static final class Inner extends Node {
        final Ref[] refs;
        final Node[] children;

        Inner(int capacity) {
            since = new long[capacity];
            refs = new Ref[capacity];
            children = new Node[capacity];
        }

        /** The child whose range holds {@code (key, ref)}. */
        int childFor(long key, Ref ref) {
            int low = 1;
            int high = size - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                long s = since[mid];
                int c = s < key ? -1 : s > key ? 1 : refs[mid].compareTo(ref);
                if (c <= 0) {
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return low - 1;
        }

        /** Inserts {@code child} at {@code at} with its separator; false when full. */
        boolean insertChild(int at, long key, @Nullable Ref ref, Node child, int capacity) {
            if (size >= capacity) {
                return false;
            }
            System.arraycopy(since, at, since, at + 1, size - at);
            System.arraycopy(refs, at, refs, at + 1, size - at);
            System.arraycopy(children, at, children, at + 1, size - at);
            since[at] = key;
            refs[at] = ref;
            children[at] = child;
            size++;
            return true;
        }

        void removeChild(int at) {
            System.arraycopy(since, at + 1, since, at, size - at - 1);
            System.arraycopy(refs, at + 1, refs, at, size - at - 1);
            System.arraycopy(children, at + 1, children, at, size - at - 1);
            size--;
            refs[size] = null;
            children[size] = null;
        }

        /** Moves children {@code [from, size)} to the empty node {@code to}. */
        void moveTail(int from, Inner to) {
            int n = size - from;
            System.arraycopy(since, from, to.since, 0, n);
            System.arraycopy(refs, from, to.refs, 0, n);
            System.arraycopy(children, from, to.children, 0, n);
            to.refs[0] = null;
            to.size = n;
            Arrays.fill(refs, from, size, null);
            Arrays.fill(children, from, size, null);
            size = from;
        }

        /** Appends all of {@code right}'s children, the first under {@code separator}. */
        void absorb(long separatorSince, Ref separatorRef, Inner right) {
            System.arraycopy(right.since, 0, since, size, right.size);
            System.arraycopy(right.refs, 0, refs, size, right.size);
            System.arraycopy(right.children, 0, children, size, right.size);
            since[size] = separatorSince;
            refs[size] = separatorRef;
            size += right.size;
        }
    }
}
