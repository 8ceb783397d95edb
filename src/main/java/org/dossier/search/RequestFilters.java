package org.dossier.search;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.facet.DrillDownQuery;
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
    /** Whether a date range is asked for; then a record's period must overlap fromDay to toDay. */
    final boolean dateFilter;
    final int fromDay;
    final int toDay;
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
            if (request.requiresAll(facet)) {
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
        if (request.years().isEmpty()) {
            selectedYears = null;
        } else {
            selectedYears = new boolean[FacetCounter.YEARS];
            request.years().stream().filter(y -> y >= 0 && y < FacetCounter.YEARS).forEach(y -> selectedYears[y] = true);
            queries.put(Filter.YEAR, IntPoint.newSetQuery(IndexLayout.YEAR, request.years()));
        }
        dateFilter = request.from() != null || request.to() != null;
        fromDay = request.from() == null ? Integer.MIN_VALUE : IndexLayout.day(request.from().firstDay());
        toDay = request.to() == null ? Integer.MAX_VALUE : IndexLayout.day(request.to().lastDay());
        if (dateFilter) {
            BooleanQuery.Builder overlap = new BooleanQuery.Builder();
            if (request.to() != null) {
                overlap.add(IntPoint.newRangeQuery(IndexLayout.START, Integer.MIN_VALUE, toDay), Occur.FILTER);
            }
            if (request.from() != null) {
                overlap.add(IntPoint.newRangeQuery(IndexLayout.END, fromDay, Integer.MAX_VALUE), Occur.FILTER);
            }
            queries.put(Filter.DATES, overlap.build());
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
