package org.dossier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.lucene.search.Query;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.json.JsonQueryRequest;
import org.apache.solr.client.solrj.request.json.QueryFacetMap;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.response.json.NestableJsonFacet;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the collection, as it is, what the engine is asked, as the embedded engine's {@link
 * Searching} asks a snapshot: a page of hits with every count on it, a total alone, an export's every
 * hit, related records, a keystroke's suggestions. The reader's words are read by the embedded
 * engine's own {@link QueryReader} with the names given, and sent as they were read ({@link
 * SolrQueries}); each filter is a tagged filter query ({@link SolrFilters}). When to ask, and what
 * is kept of an answer, is {@link SolrSearchEngine}'s.
 */
final class SolrSearching {

    /** The engine's lines, under its logger's name, which operators' and the tests' filters know. */
    private static final Logger LOG = LoggerFactory.getLogger(SolrSearchEngine.class);
    private static final int CURSOR_ROWS = 5_000;

    private final CloudSolrClient client;
    private final SolrAddress address;
    private final CatalogueAnalyzer analyzer;
    private final QueryReader queries;
    private final Spelling spelling;
    /** How many queries have been asked of the collection (searches, counts and word statistics), for tests. */
    private final LongAdder asked = new LongAdder();
    private final WordStatistics words;

    SolrSearching(CloudSolrClient client, SolrAddress address, CatalogueAnalyzer analyzer) {
        this.client = client;
        this.address = address;
        this.analyzer = analyzer;
        this.queries = new QueryReader(analyzer);
        this.spelling = new Spelling(analyzer);
        this.words = new SolrWordStatistics(client, address.collection(), SolrDocuments.LIVE, asked);
    }

    /** The page of hits {@code request} asks for, with every count on it, its words read with {@code names}. */
    SearchResults search(SearchRequest request, Names names) {
        return onWords(request, names, words -> search(request, words, names));
    }

    /** How many records {@code request} finds. */
    long count(SearchRequest request, Names names) {
        return onWords(request, names, words -> count(request, words));
    }

    /** Every record {@code request} finds, in its order, read with a cursor. */
    int[] hitIds(SearchRequest request, Names names) {
        return onWords(request, names, words -> hitIds(request, words));
    }

    /** How many records a reader can find. */
    long size() {
        return process(new JsonQueryRequest().setQuery("*:*").withFilter(SolrDocuments.LIVE).setLimit(0)).getResults().getNumFound();
    }

    /** How many queries have been asked of the collection so far: searches, counts and word statistics. */
    long queriesAsked() {
        return asked.sum();
    }

    /** {@link Related}'s query on the collection: constant weights summed, equals by record number. */
    List<Integer> related(int documentId, int limit) throws IOException {
        SolrDocument doc;
        try {
            doc = client.getById(Integer.toString(documentId), new ModifiableSolrParams().set("fl", "title,summary,person,place"));
        } catch (SolrServerException e) {
            throw new IOException("the Solr collection does not answer: " + e.getMessage(), e);
        }
        // A withdrawn record's stub has no title: it is not asked about.
        if (doc == null || doc.getFirstValue("title") == null || limit <= 0) {
            return List.of();
        }
        Map<Facet, List<String>> links = new EnumMap<>(Facet.class);
        for (Facet facet : List.of(Facet.PERSON, Facet.PLACE)) {
            Collection<Object> keys = doc.getFieldValues(facet.key());
            if (keys != null) {
                links.put(facet, keys.stream().map(String::valueOf).toList());
            }
        }
        Related.Likeness likeness = Related.of(words, analyzer, new Related.Record(links,
                (String) doc.getFirstValue("title"), (String) doc.getFirstValue("summary")));
        if (likeness == null) {
            return List.of();
        }
        List<Object> should = new ArrayList<>();
        JsonQueryRequest query = new JsonQueryRequest();
        StringBuilder shared = new StringBuilder();
        for (int i = 0; i < likeness.terms().size(); i++) {
            Related.Term term = likeness.terms().get(i);
            String clause = term.field() + ":" + SolrQueries.escape(term.text());
            should.add(SolrQueries.lucene(clause + "^=" + Related.decimal(term.weight())));
            query.withParam("shared" + i, "{!lucene}" + clause);
            shared.append(i == 0 ? "" : ",").append("if(query($shared").append(i).append(",0),1,0)");
        }
        query.setQuery(Map.of("bool", Map.of("should", should)))
                .withFilter(SolrDocuments.LIVE)
                .withFilter("-id:" + SolrQueries.escape(Integer.toString(documentId)))
                .setLimit(limit)
                .setSort("score desc, doc_id asc")
                .returnFields("doc_id");
        if (likeness.minimumShared() > 0) {
            // At least so many shared terms: counted only on the records the terms find (a post filter).
            query.withFilter("{!frange l=" + likeness.minimumShared() + " cache=false cost=200}sum(" + shared + ")");
        }
        List<Integer> ids = new ArrayList<>();
        for (SolrDocument hit : process(query).getResults()) {
            ids.add(SolrDocuments.recordId(hit));
        }
        return ids;
    }

    /** What {@code offering} offers for {@code text}, each suggestion counted on the collection. */
    List<Suggestion> suggestions(Suggestions offering, String text, int limit, Names names) throws IOException {
        // Counted as a search for each counts it, on the collection as it is: a suggestion, like
        // its candidates, does not wait for the feed.
        return offering.suggest(words, text, limit, chosen -> {
            try {
                return counts(chosen, names);
            } catch (SearchUnavailableException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    /**
     * What a search for each of {@code texts} finds, as {@link #count} counts it, in one query: a
     * query facet each, its words read as a search reads them. A keystroke's suggestions asked a
     * search of their own for each name and word offered (up to ten). When Solr refuses the words
     * of one (a 4xx), each is counted by itself, its words read plainly if need be, as a search is.
     */
    private Map<String, Long> counts(List<String> texts, Names names) {
        JsonQueryRequest query = new JsonQueryRequest().setQuery("*:*").withFilter(SolrDocuments.LIVE).setLimit(0);
        Map<String, String> facets = new java.util.LinkedHashMap<>();
        Map<String, String> params = new HashMap<>();
        for (String text : texts) {
            String name = "found" + facets.size();
            SearchRequest request = SearchRequest.of(text).withoutPaging();
            Query read = words(request, false, names).read();
            query.withFacet(name, new QueryFacetMap(read == null ? "*:*" : SolrQueries.counted(read, params)));
            facets.put(name, text);
        }
        params.forEach(query::withParam);
        Map<String, Long> found = new HashMap<>();
        try {
            NestableJsonFacet counted = process(query).getJsonFacetingResponse();
            facets.forEach((name, text) -> {
                NestableJsonFacet facet = counted == null ? null : counted.getQueryFacet(name);
                found.put(text, facet == null ? 0 : facet.getCount());
            });
        } catch (SolrException | SolrQueries.Untranslatable e) {
            if (e instanceof SolrException solr && solr.code() != 400) {
                throw e;
            }
            for (String text : texts) {
                SearchRequest request = SearchRequest.of(text).withoutPaging();
                found.put(text, onWords(request, names, read -> count(request, read)));
            }
        }
        return found;
    }

    /** The words as Solr's JSON Query DSL, as the query they were read into (null for none: every record), and the notice. */
    private record Words(Object query, Query read, String notice) {
    }

    private Words words(SearchRequest request, boolean plain, Names names) {
        return request.hasText() ? words(request.text(), plain, names) : new Words("*:*", null, null);
    }

    private Words words(String text, boolean plain, Names names) {
        QueryReader.ReadQuery read = plain
                ? queries.plainWords(text, names, "Your search stands for too many different words, "
                + "so only its plain words were searched for.")
                : queries.read(text, names);
        try {
            // Each fuzzy word as the words of the whole collection it stands for, as the embedded index reads it.
            Query query = read.query() == null ? null : FuzzyWords.expanded(read.query(), this.words);
            return new Words(SolrQueries.of(query), query, read.notice());
        } catch (IOException e) {
            throw SolrAway.unavailable();
        } catch (SolrQueries.Untranslatable e) {
            if (plain) {
                throw e;
            }
            return words(text, true, names);
        }
    }

    /**
     * {@code work} on the request's words as the embedded engine reads them, on the collection as it
     * is (a search waits for the feed first, {@code SolrSearchEngine.awaitFeed}; suggestions do not); when Solr
     * refuses them (a pattern too costly for it, too many clauses), on the same words read plainly.
     */
    private <T> T onWords(SearchRequest request, Names names, java.util.function.Function<Words, T> work) {
        try {
            return work.apply(words(request, false, names));
        } catch (SolrException e) {
            if (e.code() != 400 || !request.hasText()) {
                throw e;
            }
            return work.apply(words(request, true, names));
        }
    }

    private SearchResults search(SearchRequest request, Words words, Names names) {
        SearchResults results = counted(request, words);
        if (!request.hasText() || results.total() >= Spelling.FEW) {
            return results;
        }
        // "Did you mean", as the embedded engine offers it (Searching): when the respelt words find more.
        String respelt;
        try {
            respelt = spelling.respell(this.words, request.text(), names);
        } catch (IOException e) {
            LOG.warn("The Solr collection could not respell {}", request.text(), e);
            return results;
        }
        if (respelt == null) {
            return results;
        }
        JsonQueryRequest instead = new JsonQueryRequest();
        setQuery(instead, words(respelt, false, names).query());
        new SolrFilters(request).apply(instead);
        instead.setLimit(0);
        return process(instead).getResults().getNumFound() > results.total() ? results.withSuggestion(respelt) : results;
    }

    private SearchResults counted(SearchRequest request, Words words) {
        SolrFilters filters = new SolrFilters(request);
        JsonQueryRequest query = new JsonQueryRequest();
        setQuery(query, words.query());
        filters.apply(query);
        query.setOffset(request.offset());
        query.setLimit(request.pageSize());
        query.setSort(sort(request));
        boolean marking = request.hasText() && request.hasPaging() && words.read() != null;
        query.returnFields(marking ? new String[] {"doc_id", "title", "summary"} : new String[] {"doc_id"});
        SolrFacets.ask(query, request);
        QueryResponse response = process(query);

        List<SearchHit> hits = new ArrayList<>();
        List<Highlights.Stored> stored = new ArrayList<>();
        for (SolrDocument doc : response.getResults()) {
            stored.add(new Highlights.Stored((String) doc.getFirstValue("title"), (String) doc.getFirstValue("summary")));
        }
        HighlightedText[][] marked = marking ? marked(words.read(), stored) : null;
        for (int i = 0; i < response.getResults().size(); i++) {
            int id = SolrDocuments.recordId(response.getResults().get(i));
            hits.add(marked == null ? new SearchHit(id, HighlightedText.EMPTY, HighlightedText.EMPTY)
                    : new SearchHit(id, marked[i][0], marked[i][1]));
        }
        SolrFacets facets = new SolrFacets(response.getJsonFacetingResponse());
        PageCounts counts = facets.counts(request);
        counts.total(response.getResults().getNumFound());
        decades(request, words, counts.yearsAnyDate(), facets.dated()).forEach(counts::decade);
        return counts.results(hits, words.notice());
    }

    /**
     * Per decade, the records counted where {@code yearsAnyDate} counts them, each once (see
     * {@link SearchResults#decades()}): the sums of the decades' years when no record is counted
     * under two years ({@code dated}, the dated records they count, is their sum), else asked of
     * the collection, every decade in one request.
     */
    private SortedMap<Integer, Long> decades(SearchRequest request, Words words, SortedMap<Integer, Long> yearsAnyDate,
                                             long dated) {
        SortedMap<Integer, Long> decades = new TreeMap<>();
        yearsAnyDate.forEach((year, count) -> decades.merge(year / 10 * 10, count, Long::sum));
        if (yearsAnyDate.values().stream().mapToLong(Long::longValue).sum() == dated) {
            return decades;
        }
        JsonQueryRequest query = new JsonQueryRequest();
        setQuery(query, words.query());
        new SolrFilters(request).apply(query);
        query.setLimit(0);
        SolrFacets.askDecades(query, decades.keySet());
        SolrFacets counts = new SolrFacets(process(query).getJsonFacetingResponse());
        for (int decade : List.copyOf(decades.keySet())) {
            decades.put(decade, counts.decade(decade));
        }
        return decades;
    }

    private long count(SearchRequest request, Words words) {
        JsonQueryRequest query = new JsonQueryRequest();
        setQuery(query, words.query());
        new SolrFilters(request).apply(query);
        query.setLimit(0);
        return process(query).getResults().getNumFound();
    }

    private int[] hitIds(SearchRequest request, Words words) {
        SolrFilters filters = new SolrFilters(request);
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        int[] ids = new int[0];
        int count = 0;
        while (true) {
            JsonQueryRequest query = new JsonQueryRequest();
            setQuery(query, words.query());
            filters.apply(query);
            query.setLimit(CURSOR_ROWS);
            query.setSort(sort(request));
            query.returnFields("doc_id");
            query.withParam(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
            QueryResponse response = process(query);
            long total = response.getResults().getNumFound();
            if (ids.length < total) {
                ids = java.util.Arrays.copyOf(ids, (int) total);
            }
            for (SolrDocument doc : response.getResults()) {
                if (count == ids.length) {
                    ids = java.util.Arrays.copyOf(ids, count + 1);
                }
                ids[count++] = SolrDocuments.recordId(doc);
            }
            String next = response.getNextCursorMark();
            if (next == null || next.equals(cursor) || response.getResults().isEmpty()) {
                return java.util.Arrays.copyOf(ids, count);
            }
            cursor = next;
        }
    }

    @SuppressWarnings("unchecked")
    private static void setQuery(JsonQueryRequest query, Object words) {
        if (words instanceof Map<?, ?> map) {
            query.setQuery((Map<String, Object>) map);
        } else {
            query.setQuery((String) words);
        }
    }

    private QueryResponse process(JsonQueryRequest query) {
        asked.increment();
        try {
            return query.process(client, address.collection());
        } catch (SolrServerException | IOException e) {
            throw SolrAway.unavailable();
        } catch (SolrException e) {
            // Solr's 4xx is about the request (words too costly for Solr are asked again plainly);
            // anything else, such as no live replica of a shard or the collection gone, is Solr being away.
            if (!SolrAway.in(e)) {
                throw e;
            }
            throw SolrAway.unavailable();
        }
    }

    /** The order of the embedded engine; the unique key last, as a cursor needs. */
    private static String sort(SearchRequest request) {
        return switch (request.effectiveSort()) {
            case RELEVANCE -> "score desc, doc_id asc, id asc";
            case DATE_NEWEST -> "start desc, doc_id desc, id asc";
            case DATE_OLDEST -> "start asc, doc_id asc, id asc";
            case TITLE -> "sort_title asc, doc_id asc, id asc";
        };
    }

    /**
     * The hits' titles and snippets, marked here as the embedded engine marks its own ({@link
     * Highlights}), from the stored title and summary Solr returned: one reader sees one snippet,
     * whichever engine answers.
     */
    private HighlightedText[][] marked(Query read, List<Highlights.Stored> stored) {
        try {
            return Highlights.of(analyzer, read, stored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
