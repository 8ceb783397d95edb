package org.dossier.search;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.response.TermsResponse;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * {@link WordStatistics} of a SolrCloud collection: its terms and their document frequencies
 * summed over its shards (Solr's terms component, one request each), and its live records counted.
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
        // One request: the live records counted, and every field's terms looked up by the terms
        // component beside it. terms.list is split at commas: no word (tokenised) or key (a slug)
        // has one.
        String list = termsByField.values().stream().flatMap(Collection::stream)
                .filter(t -> !t.isEmpty() && !t.contains(",")).distinct().collect(Collectors.joining(","));
        ModifiableSolrParams params = new ModifiableSolrParams().set("q", "*:*").set("fq", live).set("rows", 0);
        if (!list.isEmpty()) {
            params.set("terms", true).set("terms.sort", "index").set("terms.mincount", 1)
                    .set("terms.list", list).set("terms.limit", -1)
                    .set("terms.fl", termsByField.keySet().toArray(String[]::new));
        }
        QueryResponse response = process(params);
        Map<String, Map<String, Long>> byField = new HashMap<>();
        TermsResponse terms = response.getTermsResponse();
        for (Map.Entry<String, ? extends Collection<String>> field : termsByField.entrySet()) {
            Set<String> asked = new HashSet<>(field.getValue());
            Map<String, Long> records = new HashMap<>();
            List<TermsResponse.Term> found = terms == null ? null : terms.getTerms(field.getKey());
            for (TermsResponse.Term term : found == null ? List.<TermsResponse.Term>of() : found) {
                // The list is every field's terms together: keep only those asked of this field.
                if (asked.contains(term.getTerm())) {
                    records.put(term.getTerm(), term.getFrequency());
                }
            }
            byField.put(field.getKey(), records);
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
