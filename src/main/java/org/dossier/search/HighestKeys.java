package org.dossier.search;

import java.util.Arrays;
import java.util.Collection;

/**
 * The index docs of the highest keys a slice of the index was offered, at most a number of them,
 * each key one record's: a min-heap of longs, its root the lowest kept. What a collector of a
 * page's first hits keeps ({@link TopByScore} by score, {@link FirstByDate} by date), each making a
 * hit's key so that the first hit has the highest.
 */
final class HighestKeys {

    private final long[] keys;
    private final int[] docs;
    private int size;

    HighestKeys(int wanted) {
        keys = new long[wanted];
        docs = new int[wanted];
    }

    /** Whether as many keys are kept as are wanted: a key must then pass {@link #lowest()} to get in. */
    boolean full() {
        return size == keys.length;
    }

    /** The lowest key kept; only once there is one. */
    long lowest() {
        return keys[0];
    }

    /** Keeps {@code key}, of index doc {@code doc}, beside the others: only while not {@link #full()}. */
    void add(long key, int doc) {
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (keys[parent] <= key) {
                break;
            }
            keys[i] = keys[parent];
            docs[i] = docs[parent];
            i = parent;
        }
        keys[i] = key;
        docs[i] = doc;
    }

    /** Keeps {@code key}, of index doc {@code doc}, instead of the lowest: only once {@link #full()}, for a key above it. */
    void replaceLowest(long key, int doc) {
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && keys[child + 1] < keys[child]) {
                child++;
            }
            if (keys[child] >= key) {
                break;
            }
            keys[i] = keys[child];
            docs[i] = docs[child];
            i = child;
        }
        keys[i] = key;
        docs[i] = doc;
    }

    /** The index docs of the {@code wanted} highest keys of every slice's, the highest first. */
    static int[] highest(Collection<HighestKeys> slices, int wanted) {
        int count = slices.stream().mapToInt(s -> s.size).sum();
        long[] keys = new long[count];
        int[] docs = new int[count];
        int at = 0;
        for (HighestKeys slice : slices) {
            System.arraycopy(slice.keys, 0, keys, at, slice.size);
            System.arraycopy(slice.docs, 0, docs, at, slice.size);
            at += slice.size;
        }
        // Each key is one record's (ids are unique among live records): the first the highest.
        Integer[] order = new Integer[count];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(keys[b], keys[a]));
        int[] first = new int[Math.min(wanted, count)];
        for (int i = 0; i < first.length; i++) {
            first[i] = docs[order[i]];
        }
        return first;
    }
}
