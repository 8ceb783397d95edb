package org.dossier.search;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One page of an answer, and exact counts for everything around it. Every count is computed
 * "given the other filters": a facet's own selection never narrows its own counts, so that a
 * reader can tick a second value of the same facet and know beforehand what it adds.
 *
 * @param total        how many records match the whole request
 * @param facets       per facet, every value with hits (and every ticked value), most hits first
 * @param years        per year, the hits given every filter but the years ticked
 * @param yearsAnyDate per year, the hits given every filter but years and the date range: the
 *                     histogram a reader picks a range from
 * @param decades      per decade (by its first year: 1960 for the 1960s), the hits counted where
 *                     {@code yearsAnyDate} counts them, each once however many of the decade's years
 *                     it covers: what a decade's link finds (its years as a range, met in the
 *                     default way), which the sum of its years overcounts by a span ("1961–1962")
 * @param undated      the undated hits (V22), given every filter but the years, the range and the
 *                     undated records alone: what choosing "Undated" finds, beside the histogram
 * @param without      for each filter in force, the total there would be without it
 * @param notice       what was done with words the query syntax could not read; null if nothing
 * @param suggestion   for a search that finds few records, the same words respelt so that they
 *                     find more ("Stailn" → "Stalin"); null for none
 * @param changesPending how many changes committed before the search began it does not show: the
 *                     engine was still applying them (a bulk import being followed) and the
 *                     search did not wait for them; 0 when it shows every one
 */
public record SearchResults(long total, List<SearchHit> hits, Map<Facet, List<FacetCount>> facets,
                            SortedMap<Integer, Long> years, SortedMap<Integer, Long> yearsAnyDate,
                            SortedMap<Integer, Long> decades, long undated, Map<Filter, Long> without, String notice, String suggestion,
                            long changesPending) {

    /** Results that show every change committed before the search began. */
    public SearchResults(long total, List<SearchHit> hits, Map<Facet, List<FacetCount>> facets,
                         SortedMap<Integer, Long> years, SortedMap<Integer, Long> yearsAnyDate,
                         SortedMap<Integer, Long> decades, long undated, Map<Filter, Long> without, String notice, String suggestion) {
        this(total, hits, facets, years, yearsAnyDate, decades, undated, without, notice, suggestion, 0);
    }

    public SearchResults {
        if (undated < 0) {
            throw new IllegalArgumentException("a count of undated records cannot be negative: " + undated);
        }
        if (changesPending < 0) {
            throw new IllegalArgumentException("changes pending cannot be negative: " + changesPending);
        }
        hits = List.copyOf(hits);
        EnumMap<Facet, List<FacetCount>> copy = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            copy.put(facet, List.copyOf(facets.getOrDefault(facet, List.of())));
        }
        facets = Collections.unmodifiableMap(copy);
        // Held in arrays (kept answers weigh less); the histogram's years are the years' own when they are the same.
        YearCounts heldYears = YearCounts.of(years);
        years = heldYears;
        yearsAnyDate = YearCounts.of(yearsAnyDate).sharedWith(heldYears);
        decades = YearCounts.of(decades);
        without = Collections.unmodifiableMap(without.isEmpty() ? new EnumMap<>(Filter.class) : new EnumMap<>(without));
    }

    /** The same counts, with a page of hits. */
    SearchResults withHits(List<SearchHit> pageHits) {
        return new SearchResults(total, pageHits, facets, years, yearsAnyDate, decades, undated, without, notice, suggestion, changesPending);
    }

    /** The same results, with a spelling to suggest. */
    SearchResults withSuggestion(String respelt) {
        return new SearchResults(total, hits, facets, years, yearsAnyDate, decades, undated, without, notice, respelt, changesPending);
    }

    /** The same results, from an engine that had yet to apply {@code pending} changes committed before the search. */
    SearchResults withChangesPending(long pending) {
        return pending == changesPending ? this
                : new SearchResults(total, hits, facets, years, yearsAnyDate, decades, undated, without, notice, suggestion, pending);
    }

    public List<FacetCount> facet(Facet facet) {
        return facets.get(facet);
    }
}
