package org.dossier.search;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.BiConsumer;

/**
 * An answer's counts by year, or by a decade's first year ({@link SearchResults#years()} and its
 * kin), read as every {@link SortedMap} is read and held in two arrays: the years in order and their
 * counts. Why: a kept answer's years and decades were some 40 % of what it weighs at a million
 * records, as a {@code TreeMap} holds them (an entry, a boxed year and often a boxed count, 56–80
 * bytes a year); here a year is 12 bytes, so the same {@code --kept-answers} keeps more answers
 * (BENCHMARKS.md, issue 14, sweep {@code keptbudget}). Unmodifiable, as the answer's maps were;
 * {@link #subMap}, {@link #headMap} and {@link #tailMap} are copies of their part, which read the
 * same as a view would of a map that never changes. Its views are made afresh at each call rather
 * than kept by the map, so that what a kept answer weighs does not grow as its page is rendered.
 */
final class YearCounts extends AbstractMap<Integer, Long> implements SortedMap<Integer, Long> {

    /** No year: every empty answer's. */
    static final YearCounts NONE = new YearCounts(new int[0], new long[0]);

    private final int[] years;
    private final long[] counts;

    private YearCounts(int[] years, long[] counts) {
        this.years = years;
        this.counts = counts;
    }

    /** {@code counts} held in arrays; {@code counts} itself if it is held so already (it never changes). */
    static YearCounts of(Map<Integer, Long> counts) {
        if (counts instanceof YearCounts held) {
            return held;
        }
        if (counts.isEmpty()) {
            return NONE;
        }
        int[] years = new int[counts.size()];
        long[] values = new long[counts.size()];
        Integer[] order = counts.keySet().toArray(new Integer[0]);
        // A sorted map's keys come in order already; any other map's are put in order here.
        Arrays.sort(order);
        for (int i = 0; i < order.length; i++) {
            Long count = counts.get(order[i]);
            if (count == null) {
                throw new NullPointerException("no count for " + order[i]);
            }
            years[i] = order[i];
            values[i] = count;
        }
        return new YearCounts(years, values);
    }

    /**
     * Counts gathered a year at a time, as an engine gives them (in order, mostly: a year given out of
     * order, or again, is put in its place), held in the arrays they are read from: a page's counts
     * are gathered straight into their held shape rather than into a {@code TreeMap} copied afterwards.
     */
    static final class Gathering {
        private int[] years = new int[16];
        private long[] counts = new long[16];
        private int size;

        /** {@code year} counted {@code count}, in place of any count given it before. */
        void put(int year, long count) {
            int at = size > 0 && years[size - 1] < year ? -size - 1 : Arrays.binarySearch(years, 0, size, year);
            if (at >= 0) {
                counts[at] = count;
                return;
            }
            int insert = -at - 1;
            if (size == years.length) {
                years = Arrays.copyOf(years, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            System.arraycopy(years, insert, years, insert + 1, size - insert);
            System.arraycopy(counts, insert, counts, insert + 1, size - insert);
            years[insert] = year;
            counts[insert] = count;
            size++;
        }

        /** What has been gathered so far, held apart from what is gathered after. */
        YearCounts counted() {
            return size == 0 ? NONE : new YearCounts(Arrays.copyOf(years, size), Arrays.copyOf(counts, size));
        }
    }

    /** The same counts, as {@code other} if it holds the same: one answer's years and its histogram's are often equal. */
    YearCounts sharedWith(YearCounts other) {
        return Arrays.equals(years, other.years) && Arrays.equals(counts, other.counts) ? other : this;
    }

    /**
     * What {@code counts} (an answer's: held so) takes on the heap, in bytes, as {@link KeptAnswers#weight}
     * counts: its object (a header of 12 bytes, {@link AbstractMap}'s two references and its own two) and
     * its two arrays (a header of 16 bytes each), each rounded up to 8; none for {@link #NONE}, every empty
     * answer's.
     */
    static long weight(SortedMap<Integer, Long> counts) {
        YearCounts held = of(counts);
        return held == NONE ? 0 : 32 + aligned(16 + 4L * held.years.length) + aligned(16 + 8L * held.counts.length);
    }

    private static long aligned(long bytes) {
        return (bytes + 7) & ~7L;
    }

    @Override
    public int size() {
        return years.length;
    }

    @Override
    public boolean isEmpty() {
        return years.length == 0;
    }

    private int indexOf(Object key) {
        return key instanceof Integer year ? Arrays.binarySearch(years, year) : -1;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Long get(Object key) {
        int at = indexOf(key);
        return at >= 0 ? counts[at] : null;
    }

    @Override
    public Long getOrDefault(Object key, Long otherwise) {
        int at = indexOf(key);
        return at >= 0 ? counts[at] : otherwise;
    }

    @Override
    public void forEach(BiConsumer<? super Integer, ? super Long> action) {
        for (int i = 0; i < years.length; i++) {
            action.accept(years[i], counts[i]);
        }
    }

    @Override
    public Set<Entry<Integer, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<Integer, Long>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < years.length;
                    }

                    @Override
                    public Entry<Integer, Long> next() {
                        if (next >= years.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<Integer, Long> entry = new SimpleImmutableEntry<>(years[next], counts[next]);
                        next++;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return years.length;
            }
        };
    }

    @Override
    public Set<Integer> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Integer> iterator() {
                Iterator<Entry<Integer, Long>> entries = entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return entries.hasNext();
                    }

                    @Override
                    public Integer next() {
                        return entries.next().getKey();
                    }
                };
            }

            @Override
            public boolean contains(Object key) {
                return containsKey(key);
            }

            @Override
            public int size() {
                return years.length;
            }
        };
    }

    @Override
    public java.util.Collection<Long> values() {
        return Arrays.stream(counts).boxed().toList();
    }

    @Override
    public Comparator<? super Integer> comparator() {
        return null;
    }

    @Override
    public YearCounts subMap(Integer fromYear, Integer toYear) {
        if (fromYear > toYear) {
            throw new IllegalArgumentException("a part of the years from " + fromYear + " to before " + toYear);
        }
        return part(from(fromYear), from(toYear));
    }

    @Override
    public YearCounts headMap(Integer toYear) {
        return part(0, from(toYear));
    }

    @Override
    public YearCounts tailMap(Integer fromYear) {
        return part(from(fromYear), years.length);
    }

    /** Where {@code year} is, or would be. */
    private int from(int year) {
        int at = Arrays.binarySearch(years, year);
        return at >= 0 ? at : -at - 1;
    }

    private YearCounts part(int from, int to) {
        return from == 0 && to == years.length ? this : from >= to ? NONE
                : new YearCounts(Arrays.copyOfRange(years, from, to), Arrays.copyOfRange(counts, from, to));
    }

    @Override
    public Integer firstKey() {
        if (years.length == 0) {
            throw new NoSuchElementException("no year counted");
        }
        return years[0];
    }

    @Override
    public Integer lastKey() {
        if (years.length == 0) {
            throw new NoSuchElementException("no year counted");
        }
        return years[years.length - 1];
    }
}
