package org.dossier.search;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a search asks of a record's date, one of three: {@link AnyDate} (nothing), {@link DatedIn}
 * (dated records, in the years ticked and within a range) or {@link Undated} (the records without a
 * date, {@code undated=only}). A year or a range asks for dated records, so neither goes with the
 * undated ones, and how a record's date meets a range ({@link Dated}) belongs to the range: these
 * combinations have no value to be refused at run time. The questions every reader asks (the years,
 * the range, how it is met) are its methods, answered by each kind; what the kinds are asked
 * differently for (a link, a query, a chip each) is read by pattern matching.
 */
public sealed interface DateFilter permits DateFilter.AnyDate, DateFilter.DatedIn, DateFilter.Undated {

    /**
     * The years ticked, of which a record's must be one; empty when none is (no year asked, or the
     * undated records). Only {@link DatedIn} has any.
     */
    default SortedSet<Integer> years() {
        return Collections.emptySortedSet();
    }

    /**
     * The range a record's date must meet; null when none is asked (no date filter, years alone, or
     * the undated records). Only {@link DatedIn} may have one.
     */
    default Range range() {
        return null;
    }

    /** Whether a record must be dated wholly within the range ({@link Dated#WITHIN}); not without a range. */
    default boolean whollyWithin() {
        Range range = range();
        return range != null && range.how() == Dated.WITHIN;
    }

    /**
     * Whether how a record's date meets the range can change what is found (see
     * {@link Range#howMatters()}); not without a range.
     */
    default boolean howMatters() {
        Range range = range();
        return range != null && range.howMatters();
    }

    /** No date filter: dated and undated records alike. */
    AnyDate ANY = new AnyDate();
    /** The undated records only. */
    Undated UNDATED = new Undated();

    /** No date filter. */
    record AnyDate() implements DateFilter {
    }

    /** Only the records without a date ({@code undated=only}), which no year or range finds. */
    record Undated() implements DateFilter {
    }

    /**
     * Dated records: of one of {@code years} (any year when empty) and within {@code range} (any
     * dates when null); at least one of the two. The years and the range are two filters, each
     * lifted on its own (a year's count is counted without the years ticked, as any facet's).
     */
    record DatedIn(SortedSet<Integer> years, Range range) implements DateFilter {
        public DatedIn {
            years = Collections.unmodifiableSortedSet(new TreeSet<>(years));
            if (years.isEmpty() && range == null) {
                throw new IllegalArgumentException("a date filter of dated records needs a year or a range");
            }
        }
    }

    /**
     * A date range, open at one end when that bound is null (not both), and how a record's date
     * must meet it.
     */
    record Range(DateBound from, DateBound to, Dated how) {
        public Range {
            if (from == null && to == null) {
                throw new IllegalArgumentException("a date range needs a start or an end");
            }
            if (how == null) {
                throw new IllegalArgumentException("a date range needs how a record's date meets it");
            }
            if (from != null && to != null && from.firstDay().isAfter(to.lastDay())) {
                throw new IllegalArgumentException("the range starts (" + from.value() + ") after it ends ("
                        + to.value() + ")");
            }
        }

        /** From {@code from} to {@code to}, met as {@code how} (null: the default); null when both bounds are. */
        public static Range of(DateBound from, DateBound to, Dated how) {
            return from == null && to == null ? null : new Range(from, to, how == null ? Dated.MAY_FALL_IN : how);
        }

        /** The first day it holds, as the index counts days; the earliest there is when open. */
        public int firstDay() {
            return from == null ? Integer.MIN_VALUE : IndexLayout.day(from.firstDay());
        }

        /** The last day it holds, as the index counts days; the latest there is when open. */
        public int lastDay() {
            return to == null ? Integer.MAX_VALUE : IndexLayout.day(to.lastDay());
        }

        /**
         * Whether {@link #how} can change what is found: a record's date is a day, a month or a
         * year, so only a range that starts or ends inside a year can hold part of a record's period.
         */
        public boolean howMatters() {
            return from != null && !from.isYear() || to != null && !to.isYear();
        }

        /** Whether {@code year} is one of the years it touches. */
        public boolean touches(int year) {
            return (from == null || year >= from.firstDay().getYear()) && (to == null || year <= to.lastDay().getYear());
        }

        public Range withFrom(DateBound start) {
            return of(start, to, how);
        }

        public Range withTo(DateBound end) {
            return of(from, end, how);
        }

        public Range met(Dated otherHow) {
            return new Range(from, to, otherHow);
        }
    }

    /** Years (any when empty) and a range (any when null): no date filter when neither is given. */
    static DateFilter of(SortedSet<Integer> years, Range range) {
        return years.isEmpty() && range == null ? ANY : new DatedIn(years, range);
    }
}
