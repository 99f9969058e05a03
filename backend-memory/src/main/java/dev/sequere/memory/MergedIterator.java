package dev.sequere.memory;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Merges already-sorted iterators into one sorted iterator, lazily. Listings without a type
 * filter merge the per-type indexes of a resource (few types, so the queue stays tiny).
 */
final class MergedIterator<T> implements Iterator<T> {

    private final PriorityQueue<Head<T>> heads;

    MergedIterator(List<Iterator<T>> sources, Comparator<? super T> order) {
        this.heads = new PriorityQueue<>(Math.max(1, sources.size()), (a, b) -> order.compare(a.value, b.value));
        for (Iterator<T> source : sources) {
            if (source.hasNext()) {
                heads.add(new Head<>(source.next(), source));
            }
        }
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public T next() {
        Head<T> head = heads.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        if (head.rest.hasNext()) {
            heads.add(new Head<>(head.rest.next(), head.rest));
        }
        return head.value;
    }

    private record Head<T>(T value, Iterator<T> rest) {
    }
}
