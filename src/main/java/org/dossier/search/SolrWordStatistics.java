package org.dossier.search;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    public long records() throws IOException {
        ModifiableSolrParams params = new ModifiableSolrParams().set("q", "*:*").set("fq", live).set("rows", 0);
        return process(params).getResults().getNumFound();
    }

    @Override
    public Map<String, Long> records(String field, Collection<String> terms) throws IOException {
        Map<String, Long> records = new HashMap<>();
        if (terms.isEmpty()) {
            return records;
        }
        // terms.list is split at commas: no word (tokenised) or key (a slug) has one.
        String list = terms.stream().filter(t -> !t.isEmpty() && !t.contains(",")).distinct()
                .collect(Collectors.joining(","));
        if (list.isEmpty()) {
            return records;
        }
        for (TermsResponse.Term term : terms(termsParams(field).set("terms.list", list).set("terms.limit", -1), field)) {
            records.put(term.getTerm(), term.getFrequency());
        }
        return records;
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
