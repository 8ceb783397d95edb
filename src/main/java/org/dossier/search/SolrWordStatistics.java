package org.dossier.search;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.response.TermsResponse;
import org.apache.solr.client.solrj.response.json.NestableJsonFacet;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
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

    SolrWordStatistics(SolrClient client, String collection, String live) {
        this.client = client;
        this.collection = collection;
        this.live = live;
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
    public String firstWith(String field, String word) throws IOException {
        ModifiableSolrParams params = new ModifiableSolrParams().set("q", "{!term f=" + field + " v=$w}").set("w", word)
                .set("fq", live).set("sort", "doc_id asc").set("rows", 1).set("fl", "title,summary");
        SolrDocumentList found = process(params).getResults();
        if (found.isEmpty()) {
            return null;
        }
        SolrDocument record = found.get(0);
        return IndexLayout.words((String) record.getFirstValue("title"), (String) record.getFirstValue("summary"));
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
        try {
            // Long lists of names go in the body.
            return new QueryRequest(params, SolrRequest.METHOD.POST).process(client, collection);
        } catch (SolrServerException | SolrException e) {
            throw new IOException("the Solr collection " + collection + " does not answer: " + e.getMessage(), e);
        }
    }
}
