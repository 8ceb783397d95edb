package org.dossier.search;

import java.util.List;
import java.util.Set;
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

    /**
     * The counts of the page {@code request} asks for, as Solr gave them: every one but its total and
     * its decades (asked apart, when the years cannot give them: {@link #askDecades}).
     */
    PageCounts counts(SearchRequest request) {
        PageCounts counts = new PageCounts(request);
        for (Facet facet : Facet.values()) {
            for (BucketJsonFacet bucket : buckets(facet.key())) {
                counts.value(facet, String.valueOf(bucket.getVal()), bucket.getCount());
            }
        }
        for (BucketJsonFacet bucket : buckets("years")) {
            counts.year(year(bucket), bucket.getCount());
        }
        for (BucketJsonFacet bucket : buckets("years_any_date")) {
            counts.yearAnyDate(year(bucket), bucket.getCount());
        }
        counts.undated(undated());
        for (Filter filter : request.activeFilters()) {
            counts.without(filter, count("without_" + SolrFilters.tag(filter)));
        }
        return counts;
    }

    /** The dated records given every filter but the dates': what the histogram's years count, each once. */
    long dated() {
        return count("any_date") - undated();
    }

    /** The undated records given every filter but the dates'. */
    private long undated() {
        return count("undated");
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

    private static int year(BucketJsonFacet bucket) {
        return ((Number) bucket.getVal()).intValue();
    }
}
