package org.dossier.search;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.Group;
import org.apache.solr.client.solrj.response.GroupCommand;
import org.apache.solr.client.solrj.response.GroupResponse;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.response.TermsResponse;
import org.apache.solr.client.solrj.response.json.NestableJsonFacet;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * {@link WordStatistics} of a SolrCloud collection: its terms and their document frequencies
 * summed over its shards (Solr's terms component), and the live records that have a term counted
 * by a query facet each, one request for all.
 */
final class SolrWordStatistics implements WordStatistics {

    private final SolrClient client;
    private final String collection;
    private final String live;
    /** Counts each request, with the engine's own (SolrSearchEngine#queriesAsked). */
    private final LongAdder asked;

    SolrWordStatistics(SolrClient client, String collection, String live, LongAdder asked) {
        this.client = client;
        this.collection = collection;
        this.live = live;
        this.asked = asked;
    }

    @Override
    public Counts count(Map<String, ? extends Collection<String>> termsByField) throws IOException {
        // One request: the live records counted, and each term's live records by a query facet
        // under the same filter. The terms component would be cheaper, but its frequencies count
        // the replaced versions of records until their segments merge, on each shard at its own pace.
        ModifiableSolrParams params = new ModifiableSolrParams().set("q", "*:*").set("fq", live).set("rows", 0);
        StringBuilder facets = new StringBuilder();
        Map<String, String[]> asked = new HashMap<>();
        for (Map.Entry<String, ? extends Collection<String>> field : termsByField.entrySet()) {
            for (String term : new LinkedHashSet<>(field.getValue())) {
                String name = "w" + asked.size();
                asked.put(name, new String[] {field.getKey(), term});
                // The term is a parameter of its own: nothing in it is read as syntax.
                params.set(name, term);
                facets.append(facets.isEmpty() ? "{" : ",").append('"').append(name)
                        .append("\":{\"type\":\"query\",\"q\":\"{!term f=").append(field.getKey())
                        .append(" v=$").append(name).append("}\"}");
            }
        }
        if (!asked.isEmpty()) {
            params.set("json.facet", facets.append('}').toString());
        }
        QueryResponse response = process(params);
        NestableJsonFacet counted = response.getJsonFacetingResponse();
        Map<String, Map<String, Long>> byField = new HashMap<>();
        termsByField.keySet().forEach(field -> byField.put(field, new HashMap<>()));
        for (Map.Entry<String, String[]> term : asked.entrySet()) {
            NestableJsonFacet facet = counted == null ? null : counted.getQueryFacet(term.getKey());
            byField.get(term.getValue()[0]).put(term.getValue()[1], facet == null ? 0 : facet.getCount());
        }
        return new Counts(response.getResults().getNumFound(), byField);
    }

    @Override
    public List<Word> startingWith(String field, String prefix, int max) throws IOException {
        return terms(termsParams(field).set("terms.prefix", prefix).set("terms.limit", max), field).stream()
                .map(t -> new Word(t.getTerm(), t.getFrequency())).toList();
    }

    @Override
    public List<Word> near(String field, String word) throws IOException {
        int length = word.length();
        String first = new String(Character.toChars(word.codePointAt(0)));
        // Every word of the right first letter and length: Solr has no automaton for edits to ask with.
        ModifiableSolrParams params = termsParams(field).set("terms.prefix", first)
                .set("terms.regex", ".{" + Math.max(1, length - 2) + "," + (length + 2) + "}")
                .set("terms.limit", -1);
        return terms(params, field).stream().map(t -> new Word(t.getTerm(), t.getFrequency())).toList();
    }

    @Override
    public List<Word> within(String field, String word, int edits) throws IOException {
        int length = word.codePointCount(0, word.length());
        // Every word of a length that may be so near (Solr matches terms.regex with Java's regular
        // expressions, whose "." is a whole code point, a letter beyond the BMP too): the caller
        // keeps those its automaton accepts.
        ModifiableSolrParams params = termsParams(field)
                .set("terms.regex", ".{" + Math.max(1, length - edits) + "," + (length + edits) + "}")
                .set("terms.limit", -1);
        return terms(params, field).stream().map(t -> new Word(t.getTerm(), t.getFrequency())).toList();
    }

    @Override
    public Map<String, String> firstWith(String field, Collection<String> words) throws IOException {
        // One request for all the words (the suggestions of a keystroke ask up to eight): a group
        // query each, whose one record is the lowest-numbered a reader can find.
        ModifiableSolrParams params = new ModifiableSolrParams().set("q", "*:*").set("fq", live)
                .set("group", true).set("group.limit", 1).set("sort", "doc_id asc").set("group.sort", "doc_id asc")
                .set("fl", "title,summary");
        Map<String, String> byQuery = new HashMap<>();
        for (String word : new LinkedHashSet<>(words)) {
            String name = "w" + byQuery.size();
            // The word is a parameter of its own: nothing in it is read as syntax.
            String query = "{!term f=" + field + " v=$" + name + "}";
            params.set(name, word);
            params.add("group.query", query);
            byQuery.put(query, word);
        }
        Map<String, String> found = new HashMap<>();
        if (byQuery.isEmpty()) {
            return found;
        }
        GroupResponse groups = process(params).getGroupResponse();
        for (GroupCommand command : groups == null ? List.<GroupCommand>of() : groups.getValues()) {
            String word = byQuery.get(command.getName());
            for (Group group : command.getValues()) {
                if (word != null && !group.getResult().isEmpty()) {
                    SolrDocument record = group.getResult().get(0);
                    found.put(word, IndexLayout.words((String) record.getFirstValue("title"),
                            (String) record.getFirstValue("summary")));
                }
            }
        }
        return found;
    }

    private static ModifiableSolrParams termsParams(String field) {
        return new ModifiableSolrParams()
                .set("q", "*:*").set("rows", 0)
                .set("terms", true).set("terms.fl", field).set("terms.sort", "index").set("terms.mincount", 1);
    }

    private List<TermsResponse.Term> terms(ModifiableSolrParams params, String field) throws IOException {
        TermsResponse terms = process(params).getTermsResponse();
        List<TermsResponse.Term> found = terms == null ? null : terms.getTerms(field);
        return found == null ? List.of() : found;
    }

    private QueryResponse process(ModifiableSolrParams params) throws IOException {
        asked.increment();
        try {
            // Long lists of names go in the body.
            return new QueryRequest(params, SolrRequest.METHOD.POST).process(client, collection);
        } catch (SolrServerException | SolrException e) {
            throw new IOException("the Solr collection " + collection + " does not answer: " + e.getMessage(), e);
        }
    }
}
