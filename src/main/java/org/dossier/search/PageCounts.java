package org.dossier.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * The counts of one page of answers, put as a reader is given them ({@link SearchResults}), whichever
 * engine counted them: the embedded engine's counting pass ({@link Searching}) and Solr's facets
 * ({@link SolrFacets}) each give what they counted, and the page's own rules are kept here, once: a
 * facet's values most hits first, then by key, every value ticked among them (at 0 when it finds
 * nothing), and every year ticked among the years (at 0 likewise). Each engine built the page's
 * lists by those rules in a shape of its own.
 */
final class PageCounts {

    private final Map<Facet, Listing> values = new EnumMap<>(Facet.class);
    private final YearCounts.Gathering years = new YearCounts.Gathering();
    private final YearCounts.Gathering yearsAnyDate = new YearCounts.Gathering();
    private final YearCounts.Gathering decades = new YearCounts.Gathering();
    private final Map<Filter, Long> without = new EnumMap<>(Filter.class);
    private long total;
    private long undated;
    /** Whether {@link #results} has been given: the ticked values are listed into the counted once. */
    private boolean given;

    /** One facet's values counted so far, and those ticked that were not counted (yet). */
    private record Listing(List<FacetCount> counted, Set<String> notCounted) {
    }

    /** The counts of the page {@code request} asks for: its ticked values and years are listed whatever is counted. */
    PageCounts(SearchRequest request) {
        for (Facet facet : Facet.values()) {
            values.put(facet, new Listing(new ArrayList<>(), new LinkedHashSet<>(request.selected(facet))));
        }
        request.dates().years().forEach(year -> years.put(year, 0L));
    }

    /** How many records match the whole request. */
    void total(long count) {
        total = count;
    }

    /** {@code facet}'s value {@code key} counted {@code count} records (some), given the filters its facet's counts take. */
    void value(Facet facet, String key, long count) {
        Listing listing = values.get(facet);
        listing.counted().add(new FacetCount(key, count));
        listing.notCounted().remove(key);
    }

    /** {@code year} counted {@code count} records, given every filter but the years ticked. */
    void year(int year, long count) {
        years.put(year, count);
    }

    /** {@code year} counted {@code count} records, given every filter but the dates': the histogram's. */
    void yearAnyDate(int year, long count) {
        yearsAnyDate.put(year, count);
    }

    /** The decade beginning in {@code firstYear} counted {@code count} records, each once, where the histogram counts them. */
    void decade(int firstYear, long count) {
        decades.put(firstYear, count);
    }

    /** The undated records, given every filter but the dates'. */
    void undated(long count) {
        undated = count;
    }

    /** The total there would be without {@code filter}, one of those in force. */
    void without(Filter filter, long count) {
        without.put(filter, count);
    }

    /** The years counted so far, every year ticked among them. */
    SortedMap<Integer, Long> years() {
        return years.counted();
    }

    /** The histogram's years counted so far. */
    SortedMap<Integer, Long> yearsAnyDate() {
        return yearsAnyDate.counted();
    }

    /** The page: {@code hits} with these counts, and {@code notice} (null for none) on the words. Once. */
    SearchResults results(List<SearchHit> hits, String notice) {
        if (given) {
            throw new IllegalStateException("a page's counts are given once");
        }
        given = true;
        Map<Facet, List<FacetCount>> facets = new EnumMap<>(Facet.class);
        values.forEach((facet, listing) -> {
            List<FacetCount> list = listing.counted();
            listing.notCounted().forEach(key -> list.add(new FacetCount(key, 0)));
            list.sort(Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::key));
            facets.put(facet, list);
        });
        return new SearchResults(total, hits, facets, years.counted(), yearsAnyDate.counted(), decades.counted(), undated,
                without, notice, null);
    }
}
