package org.dossier.search;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.solr.client.solrj.request.json.DomainMap;
import org.apache.solr.client.solrj.request.json.JsonQueryRequest;
import org.apache.solr.client.solrj.request.json.QueryFacetMap;
import org.apache.solr.client.solrj.request.json.TermsFacetMap;
import org.apache.solr.client.solrj.response.json.BucketBasedJsonFacet;
import org.apache.solr.client.solrj.response.json.BucketJsonFacet;
import org.apache.solr.client.solrj.response.json.NestableJsonFacet;

/**
 * The counts a page shows, on SolrCloud: asked with the page's query as JSON facets, each excluding
 * the tag of the filters it lifts (drill sideways, as the embedded engine's {@link FacetCounter}
 * counts in one pass), with no limit, which is exact across shards; and read back from Solr's answer.
 */
final class SolrFacets {

    /** Solr's answer to the facets asked; null when it gave none. */
    private final NestableJsonFacet facets;

    /** The counts in {@code facets}, the facets of Solr's answer to a query {@link #ask} was given. */
    SolrFacets(NestableJsonFacet facets) {
        this.facets = facets;
    }

    /** Asks, with {@code query}, every count the page of {@code request} shows. */
    static void ask(JsonQueryRequest query, SearchRequest request) {
        for (Facet facet : Facet.values()) {
            TermsFacetMap counts = new TermsFacetMap(facet.key()).setLimit(-1).setMinCount(1);
            if (!request.countsUnderItsOwnFilter(facet)) {
                counts.withDomain(excluding(SolrFilters.tag(Filter.of(facet))));
            }
            query.withFacet(facet.key(), counts);
        }
        query.withFacet("years", new TermsFacetMap("year").setLimit(-1).setMinCount(1)
                .withDomain(excluding(SolrFilters.tag(Filter.YEAR))));
        query.withFacet("years_any_date", new TermsFacetMap("year").setLimit(-1).setMinCount(1)
                .withDomain(excluding(SolrFilters.DATE_TAGS)));
        query.withFacet("undated", new QueryFacetMap(SolrFilters.UNDATED).withDomain(excluding(SolrFilters.DATE_TAGS)));
        query.withFacet("any_date", new QueryFacetMap("*:*").withDomain(excluding(SolrFilters.DATE_TAGS)));
        for (Filter filter : request.activeFilters()) {
            query.withFacet("without_" + SolrFilters.tag(filter),
                    new QueryFacetMap("*:*").withDomain(excluding(SolrFilters.tag(filter))));
        }
    }

    /** Asks, with {@code query}, how many records of each of {@code decades} are counted where the histogram counts them. */
    static void askDecades(JsonQueryRequest query, Set<Integer> decades) {
        for (int decade : decades) {
            query.withFacet("decade_" + decade, new QueryFacetMap("year:[" + decade + " TO " + (decade + 9) + "]")
                    .withDomain(excluding(SolrFilters.DATE_TAGS)));
        }
    }

    /** Each facet's values with hits, and every value ticked, most hits first. */
    Map<Facet, List<FacetCount>> values(SearchRequest request) {
        Map<Facet, List<FacetCount>> counted = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            List<FacetCount> list = new ArrayList<>();
            Set<String> missing = new LinkedHashSet<>(request.selected(facet));
            for (BucketJsonFacet bucket : buckets(facet.key())) {
                String key = String.valueOf(bucket.getVal());
                list.add(new FacetCount(key, bucket.getCount()));
                missing.remove(key);
            }
            missing.forEach(key -> list.add(new FacetCount(key, 0)));
            list.sort(java.util.Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::key));
            counted.put(facet, list);
        }
        return counted;
    }

    /** By year, the records given every filter but the years ticked, and every year ticked. */
    SortedMap<Integer, Long> years(SearchRequest request) {
        SortedMap<Integer, Long> years = years("years");
        request.dates().years().forEach(year -> years.putIfAbsent(year, 0L));
        return years;
    }

    /** By year, the records given every filter but the dates': the histogram. */
    SortedMap<Integer, Long> yearsAnyDate() {
        return years("years_any_date");
    }

    /** For each filter in force, the total there would be without it. */
    Map<Filter, Long> without(SearchRequest request) {
        Map<Filter, Long> without = new EnumMap<>(Filter.class);
        for (Filter filter : request.activeFilters()) {
            without.put(filter, count("without_" + SolrFilters.tag(filter)));
        }
        return without;
    }

    /** The undated records given every filter but the dates'. */
    long undated() {
        return count("undated");
    }

    /** Every record given every filter but the dates', dated or not. */
    long anyDate() {
        return count("any_date");
    }

    /** The records of {@code decade} asked by {@link #askDecades}. */
    long decade(int decade) {
        return count("decade_" + decade);
    }

    private long count(String name) {
        NestableJsonFacet count = facets == null ? null : facets.getQueryFacet(name);
        return count == null ? 0 : count.getCount();
    }

    private static DomainMap excluding(String... tags) {
        DomainMap domain = new DomainMap();
        domain.put("excludeTags", List.of(tags));
        return domain;
    }

    private List<BucketJsonFacet> buckets(String name) {
        if (facets == null) {
            return List.of();
        }
        BucketBasedJsonFacet buckets = facets.getBucketBasedFacets(name);
        return buckets == null ? List.of() : buckets.getBuckets();
    }

    private SortedMap<Integer, Long> years(String name) {
        SortedMap<Integer, Long> years = new TreeMap<>();
        for (BucketJsonFacet bucket : buckets(name)) {
            years.put(((Number) bucket.getVal()).intValue(), bucket.getCount());
        }
        return years;
    }
}
