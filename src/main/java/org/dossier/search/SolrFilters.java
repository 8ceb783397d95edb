package org.dossier.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.solr.client.solrj.request.json.JsonQueryRequest;

/**
 * A request's filters as filter queries, each tagged with its filter's name so that a count can
 * lift it: values of one facet OR'd (or all required), different filters AND'd, the years by the
 * record's first year, and a date range by the record's earliest and latest day: overlapping the
 * range's days, or within them.
 */
final class SolrFilters {
    /** The records without a start day: the undated (the embedded index's IndexLayout.UNDATED). */
    static final String UNDATED = "*:* -start:[* TO *]";
    /** The tags of the filters by date, which the histogram, the decades and the undated records' count lift. */
    static final String[] DATE_TAGS = {tag(Filter.YEAR), tag(Filter.DATES), tag(Filter.UNDATED)};
    private final List<Map<String, Object>> tagged = new ArrayList<>();

    SolrFilters(SearchRequest request) {
        for (Facet facet : request.facets().keySet()) {
            List<String> keys = request.selected(facet);
            Object query;
            if (request.requiresAll(facet)) {
                query = Map.of("bool", Map.of("filter", keys.stream()
                        .map(key -> (Object) Map.of("term", Map.of("f", facet.key(), "query", key)))
                        .toList()));
            } else {
                query = SolrQueries.lucene(facet.key() + ":(" + keys.stream().map(SolrQueries::escape)
                        .collect(Collectors.joining(" OR ")) + ")");
            }
            tagged.add(Map.of("#" + tag(Filter.of(facet)), query));
        }
        if (request.dates() instanceof DateFilter.DatedIn in) {
            if (!in.years().isEmpty()) {
                tagged.add(Map.of("#" + tag(Filter.YEAR), SolrQueries.lucene("year:(" + in.years().stream()
                        .map(String::valueOf).collect(Collectors.joining(" OR ")) + ")")));
            }
            if (in.range() != null) {
                tagged.add(Map.of("#" + tag(Filter.DATES), SolrQueries.lucene(range(in.range()))));
            }
        } else if (request.dates() instanceof DateFilter.Undated) {
            tagged.add(Map.of("#" + tag(Filter.UNDATED), SolrQueries.lucene(UNDATED)));
        }
    }

    /** A record's period overlapping the range, or within it, on the start and end days indexed. */
    private static String range(DateFilter.Range asked) {
        String first = asked.from() == null ? "*" : String.valueOf(asked.firstDay());
        String last = asked.to() == null ? "*" : String.valueOf(asked.lastDay());
        boolean within = asked.how() == Dated.WITHIN;
        List<String> range = new ArrayList<>();
        if (within || asked.to() != null) {
            range.add("+start:[" + (within ? first : "*") + " TO " + last + "]");
        }
        if (within || asked.from() != null) {
            range.add("+end:[" + first + " TO " + (within ? last : "*") + "]");
        }
        return String.join(" ", range);
    }

    static String tag(Filter filter) {
        return filter.name().toLowerCase(java.util.Locale.ROOT);
    }

    void apply(JsonQueryRequest query) {
        query.withFilter(SolrDocuments.LIVE);
        tagged.forEach(query::withFilter);
    }
}
