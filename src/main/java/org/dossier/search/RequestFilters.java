package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.IntPredicate;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * A request's filters against one snapshot, in the two forms the engine needs: as queries (for the
 * hits, and the candidates a count looks at) and as what {@link FacetCounter} checks for each record
 * (ticked values by global ordinal, ticked years, the range as yyyymmdd days), each filter a bit of
 * its {@link Filter#bit()}.
 */
final class RequestFilters {

    /** The filters the request carries. */
    final int activeBits;
    /** The filters by facet values among them. */
    final int facetBits;
    /** Global ordinals of the values ticked. */
    final FixedBitSet selectedValues;
    /** By year, whether it is ticked; null when no year is. */
    final boolean[] selectedYears;
    /** Whether only undated records are asked for. */
    final boolean undatedOnly;
    /** Whether a date range is asked for; then a record's first day must be among {@link #starts}, its last among {@link #ends}. */
    final boolean dateFilter;
    /** The range's first and last day, yyyymmdd; the smallest and largest int where it has no end. */
    final int fromDay;
    final int toDay;
    /**
     * The days a record's period may start on and end on: to overlap the range, start by its last
     * day and end on or after its first; to lie within it, start and end inside it.
     */
    final Days starts;
    final Days ends;
    /**
     * The facet filters a record passes only with all their values, not any one: their own values
     * are counted under every filter (drill down, not sideways), so that each count says what
     * ticking that value as well leaves.
     */
    final int allBits;
    /** By filter ordinal, how many values a facet in {@link #allBits} needs. */
    final int[] needed = new int[Filter.values().length];
    private final Map<Filter, Query> queries = new EnumMap<>(Filter.class);
    /** By facet filter, its values' terms. */
    private final Map<Filter, List<Term>> facetValues = new EnumMap<>(Filter.class);
    private static final int FIRST_DAY = 101;
    private static final int LAST_DAY = 1231;

    /**
     * Days from {@code first} to {@code last} (yyyymmdd; the smallest or largest int for no end),
     * with the years that lie wholly inside them and wholly outside, so that most records are
     * decided from their years alone: only a record starting or ending in a year the days take in
     * part needs its days read.
     */
    static final class Days {
        final int first;
        final int last;
        private final int insideFrom;
        private final int insideTo;
        private final int outsideUpTo;
        private final int outsideFrom;

        Days(int first, int last) {
            this.first = first;
            this.last = last;
            // A day is yyyymmdd: its month and day run from 0101 to 1231 in every year.
            boolean fromStart = first == Integer.MIN_VALUE;
            boolean toEnd = last == Integer.MAX_VALUE;
            insideFrom = fromStart ? Integer.MIN_VALUE : first % 10_000 <= FIRST_DAY ? first / 10_000 : first / 10_000 + 1;
            outsideUpTo = fromStart ? Integer.MIN_VALUE : first / 10_000 - 1;
            insideTo = toEnd ? Integer.MAX_VALUE : last % 10_000 >= LAST_DAY ? last / 10_000 : last / 10_000 - 1;
            outsideFrom = toEnd ? Integer.MAX_VALUE : last / 10_000 + 1;
        }

        /** Whether the days start on a first of January and end on a thirty-first of December (or have no end). */
        boolean wholeYears() {
            return (first == Integer.MIN_VALUE || first % 10_000 == FIRST_DAY)
                    && (last == Integer.MAX_VALUE || last % 10_000 == LAST_DAY);
        }

        boolean bounded() {
            return first != Integer.MIN_VALUE || last != Integer.MAX_VALUE;
        }

        boolean contains(int day) {
            return day >= first && day <= last;
        }

        /** Whether every day of {@code year} is among these days. */
        boolean holdsAllOf(int year) {
            return year >= insideFrom && year <= insideTo;
        }

        /** Whether no day of {@code year} is. */
        boolean holdsNoneOf(int year) {
            return year <= outsideUpTo || year >= outsideFrom;
        }

        Query points(String field) {
            return IntPoint.newRangeQuery(field, first, last);
        }
    }

    RequestFilters(SearchRequest request, Ordinals ordinals) {
        this.selectedValues = new FixedBitSet(Math.max(1, ordinals.size()));
        int facets = 0;
        int all = 0;
        for (Facet facet : request.facets().keySet()) {
            Filter filter = Filter.of(facet);
            List<BytesRef> terms = new ArrayList<>();
            for (String key : request.selected(facet)) {
                terms.add(DrillDownQuery.term(IndexLayout.FACETS, facet.key(), key).bytes());
                int ord = ordinals.ordOf(facet, key);
                if (ord >= 0) {
                    selectedValues.set(ord);
                }
            }
            facetValues.put(filter, terms.stream().map(term -> new Term(IndexLayout.FACETS, term)).toList());
            if (request.countsUnderItsOwnFilter(facet)) {
                BooleanQuery.Builder every = new BooleanQuery.Builder();
                terms.forEach(term -> every.add(new TermQuery(new Term(IndexLayout.FACETS, term)), Occur.FILTER));
                queries.put(filter, every.build());
                all |= filter.bit();
                needed[filter.ordinal()] = terms.size();
            } else {
                queries.put(filter, new TermInSetQuery(IndexLayout.FACETS, terms));
            }
            facets |= filter.bit();
        }
        this.facetBits = facets;
        this.allBits = all;
        // One date filter: dated records (years ticked, a range, or both), the undated ones, or none.
        DateFilter dates = request.dates();
        SortedSet<Integer> years = dates.years();
        DateFilter.Range asked = dates.range();
        if (years.isEmpty()) {
            selectedYears = null;
        } else {
            selectedYears = new boolean[FacetCounter.YEARS];
            years.stream().filter(y -> y >= 0 && y < FacetCounter.YEARS).forEach(y -> selectedYears[y] = true);
            queries.put(Filter.YEAR, IntPoint.newSetQuery(IndexLayout.YEAR, years));
        }
        undatedOnly = dates instanceof DateFilter.Undated;
        if (undatedOnly) {
            queries.put(Filter.UNDATED, new TermQuery(IndexLayout.undatedTerm()));
        }
        dateFilter = asked != null;
        fromDay = asked == null ? Integer.MIN_VALUE : asked.firstDay();
        toDay = asked == null ? Integer.MAX_VALUE : asked.lastDay();
        boolean within = dates.whollyWithin();
        starts = new Days(within ? fromDay : Integer.MIN_VALUE, toDay);
        ends = new Days(fromDay, within ? toDay : Integer.MAX_VALUE);
        if (dateFilter) {
            BooleanQuery.Builder range = new BooleanQuery.Builder();
            if (starts.bounded()) {
                range.add(starts.points(IndexLayout.START), Occur.FILTER);
            }
            if (ends.bounded()) {
                range.add(ends.points(IndexLayout.END), Occur.FILTER);
            }
            queries.put(Filter.DATES, range.build());
        }
        int bits = 0;
        for (Filter filter : queries.keySet()) {
            bits |= filter.bit();
        }
        this.activeBits = bits;
    }

    /** No filter at all: what counts over everything check. */
    static RequestFilters none(Ordinals ordinals) {
        return new RequestFilters(SearchRequest.everything(0), ordinals);
    }

    /**
     * About what share of the records pass every filter among {@code bits}, from the counts over
     * every record: a facet's values' counts summed ("any of": at most all of them), or its rarest
     * value ("all of"), the years' or the range's years' counts, the undated records', and filters taken as independent of
     * each other. An estimate for choosing how to count, never for a count.
     */
    double share(int bits, FacetCounter.Counts everything, Ordinals ordinals) {
        if (everything.total == 0) {
            return 0;
        }
        long[] byFilter = new long[Filter.values().length];
        Arrays.fill(byFilter, -1);
        for (int ord = 0; ord < ordinals.size(); ord++) {
            Facet facet = selectedValues.get(ord) ? ordinals.facetOf(ord) : null;
            Filter filter = facet == null ? null : Filter.of(facet);
            if (filter == null || (bits & filter.bit()) == 0) {
                continue;
            }
            long count = everything.values[ord];
            long before = byFilter[filter.ordinal()];
            byFilter[filter.ordinal()] = before < 0 ? count : (allBits & filter.bit()) != 0 ? Math.min(before, count) : before + count;
        }
        double share = 1;
        for (Filter filter : Filter.values()) {
            if ((bits & filter.bit()) == 0) {
                continue;
            }
            long count = switch (filter) {
                case YEAR -> yearsCounted(everything, year -> selectedYears[year]);
                case DATES -> yearsCounted(everything, year -> year >= fromDay / 10_000 && year <= toDay / 10_000);
                case UNDATED -> everything.undatedAnyDate;
                default -> Math.max(0, byFilter[filter.ordinal()]);
            };
            share *= Math.min(1.0, (double) count / everything.total);
        }
        return share;
    }

    private static long yearsCounted(FacetCounter.Counts everything, IntPredicate counted) {
        long sum = 0;
        for (int i = 0; i < everything.years.length; i++) {
            if (everything.years[i] != 0 && counted.test(everything.firstYear + i)) {
                sum += everything.years[i];
            }
        }
        return sum;
    }

    /** Every filter, or null when there is none. */
    Query all() {
        return activeBits == 0 ? null : only(activeBits);
    }

    /**
     * The filters among {@code bits} as groups of facet values (terms), a record passing them when
     * it has at least one value of each group: a facet's "any of" values one group, each of its
     * "all of" values a group of its own; null when there is no filter or the years or dates are
     * among them.
     */
    List<List<Term>> valueGroups(int bits) {
        if (bits == 0 || (bits & ~facetBits) != 0) {
            return null;
        }
        List<List<Term>> groups = new ArrayList<>();
        for (Filter filter : Filter.values()) {
            if ((bits & filter.bit()) != 0) {
                List<Term> values = facetValues.get(filter);
                if (values.isEmpty()) {
                    return null;
                }
                if ((allBits & filter.bit()) != 0) {
                    values.forEach(value -> groups.add(List.of(value)));
                } else {
                    groups.add(values);
                }
            }
        }
        return groups;
    }

    /**
     * Every filter but the date range, and a period that straddles an end of the range: it starts
     * before the range's first day and ends on or after it, or starts by its last day and ends
     * after it. These are the records the range's two ways of being met disagree on ({@link Dated}):
     * they may fall in it, but not wholly. A single date's period lies within one year (a day, a
     * month or a year), so its straddlers start and end in that end's year: two narrow ranges of
     * points (a whole year's would be fine too: a range over the whole index costs a pass over
     * every record it holds). A span's may start years before ("1961–1962" straddles March 1962):
     * those are found among the few records that cross a year ({@link IndexLayout#SPANNING_START}).
     * Null without a range.
     */
    Query straddling() {
        if (!dateFilter) {
            return null;
        }
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        if (fromDay != Integer.MIN_VALUE) {
            int year = fromDay / 10_000 * 10_000;
            either.add(straddles(IndexLayout.START, year + FIRST_DAY, fromDay - 1, fromDay, year + LAST_DAY), Occur.SHOULD);
            either.add(straddles(IndexLayout.SPANNING_START, Integer.MIN_VALUE, fromDay - 1, fromDay, Integer.MAX_VALUE),
                    Occur.SHOULD);
        }
        if (toDay != Integer.MAX_VALUE) {
            int year = toDay / 10_000 * 10_000;
            either.add(straddles(IndexLayout.START, year + FIRST_DAY, toDay, toDay + 1, year + LAST_DAY), Occur.SHOULD);
            either.add(straddles(IndexLayout.SPANNING_START, Integer.MIN_VALUE, toDay, toDay + 1, Integer.MAX_VALUE),
                    Occur.SHOULD);
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        all.add(either.build(), Occur.FILTER);
        queries.forEach((filter, query) -> {
            if (filter != Filter.DATES) {
                all.add(query, Occur.FILTER);
            }
        });
        return all.build();
    }

    /**
     * Periods whose start (in {@code startField}) is from {@code startsFrom} to {@code startsBy} and
     * ending from {@code endsFrom} to {@code endsBy}.
     */
    private static Query straddles(String startField, int startsFrom, int startsBy, int endsFrom, int endsBy) {
        return new BooleanQuery.Builder()
                .add(IntPoint.newRangeQuery(startField, startsFrom, startsBy), Occur.FILTER)
                .add(IntPoint.newRangeQuery(IndexLayout.END, endsFrom, endsBy), Occur.FILTER)
                .build();
    }

    /** What a period's years alone say of the range asked ({@link #rangeByYears}). */
    enum ByYears {
        /** Every day the period can mean is in the range. */
        MEETS,
        /** None is. */
        FAILS,
        /** It starts or ends in a year the range takes in part: its days decide. */
        BY_DAYS
    }

    /**
     * Whether every period that starts in {@code startYear} and ends in {@code endYear} meets the
     * range asked ({@link ByYears#MEETS}), none does ({@link ByYears#FAILS}), or its days decide ({@link ByYears#BY_DAYS}:
     * it starts or ends in a year the range takes in part). The years' half of
     * {@link #outsideRange}, and how the counts kept by span of years ({@link YearRows}) decide
     * each span: the same rule, so that a span is counted there exactly as a pass counts it.
     */
    ByYears rangeByYears(int startYear, int endYear) {
        if (starts.holdsNoneOf(startYear) || ends.holdsNoneOf(endYear)) {
            return ByYears.FAILS;
        }
        if (starts.holdsAllOf(startYear) && ends.holdsAllOf(endYear)) {
            return ByYears.MEETS;
        }
        return ByYears.BY_DAYS;
    }

    /**
     * Whether a range is asked whose ends are whole years ("1947" to "1958", or no end): every
     * period is then decided by its years alone ({@link #rangeByYears} never says {@link ByYears#BY_DAYS}).
     */
    boolean rangeOfWholeYears() {
        return dateFilter && starts.wholeYears() && ends.wholeYears();
    }

    /**
     * Whether a dated record's period, starting in {@code startYear} and ending in {@code endYear},
     * fails the range asked: for the default, it starts after the range's last day or ends before
     * its first; for "within", it starts or ends outside it. Decided from the years for most
     * records; the days are read from {@code spans} (the segment's {@link IndexLayout#SPAN} doc
     * values, asked in ascending order of {@code doc}) only for a period starting or ending in a
     * year the range takes in part. The one test of the range, for the counting pass
     * ({@link FacetCounter}) and the records kept as meeting it ({@link RangeRecords}).
     */
    boolean outsideRange(int startYear, int endYear, NumericDocValues spans, int doc) throws IOException {
        ByYears byYears = rangeByYears(startYear, endYear);
        if (byYears != ByYears.BY_DAYS) {
            return byYears == ByYears.FAILS;
        }
        long span = spans.advanceExact(doc) ? spans.longValue() : 0;
        return !starts.contains(IndexLayout.spanStart(span)) || !ends.contains(IndexLayout.spanEnd(span));
    }

    /** The filters among {@code bits}, all of them. */
    Query only(int bits) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        queries.forEach((filter, query) -> {
            if ((bits & filter.bit()) != 0) {
                all.add(query, Occur.FILTER);
            }
        });
        return all.build();
    }
}
