package org.dossier.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/**
 * The records most like one record, from the index alone: one small ranked query (BM25, top hits
 * found with WAND) for what the record shares most tellingly, its people and places and its
 * stemmed words. Candidates are those in at least two records and at most
 * {@value #MAX_SHARE_PERCENT} % of them ("telegram", Stalin and China say little of kinship), the
 * most telling first (tf·idf; a person or place weighs {@value #LINK_BOOST} times a word: sharing
 * Shtykov says more than sharing "ammunition"); at most {@value #MAX_TERMS} of them are asked for,
 * and only while the records they are in add up to at most {@value #POSTINGS_BUDGET}, so the
 * query reads a bounded number of postings whatever the record and however large the catalogue
 * (the rarer a term, the more it says anyway). A related record must share at least
 * {@value #MIN_SHOULD_MATCH} of them (or the one person or place asked for): one shared word is
 * no kinship. The record itself is dropped from the hits; a withdrawn record is not in the index.
 * The same idea is Solr's MoreLikeThis over the {@code stem} field plus facet terms, with
 * {@code mlt.maxqt}, {@code mlt.maxdfpct} and {@code mm}; BENCHMARKS.md has its time at 1M records.
 */
final class Related {

    static final int MAX_TERMS = 10;
    static final long POSTINGS_BUDGET = 30_000;
    static final int MIN_SHOULD_MATCH = 2;
    static final int MAX_SHARE_PERCENT = 25;
    static final int MIN_MOST = 5;
    static final float LINK_BOOST = 2f;
    static final int MIN_WORD_LENGTH = 3;

    /** A term the record could be related by: how telling it is, and how many records have it. */
    private record Candidate(Term term, double weight, int docFreq, boolean link) {
    }

    private Related() {
    }

    /** The ids of up to {@code limit} records like record {@code id}, most alike first; empty if it is not in the index. */
    static List<Integer> of(IndexSearcher snapshot, Analyzer analyzer, int id, int limit) throws IOException {
        IndexReader reader = snapshot.getIndexReader();
        int doc = docOf(reader, id);
        if (doc < 0 || limit <= 0) {
            return List.of();
        }
        List<Candidate> chosen = chosen(candidates(reader, analyzer, doc));
        if (chosen.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder like = new BooleanQuery.Builder();
        for (Candidate candidate : chosen) {
            Query query = new TermQuery(candidate.term());
            like.add(candidate.link() ? new BoostQuery(query, LINK_BOOST) : query, Occur.SHOULD);
        }
        if (chosen.size() >= MIN_SHOULD_MATCH) {
            like.setMinimumNumberShouldMatch(MIN_SHOULD_MATCH);
        }
        // One more than asked for, since the record itself is (nearly always) the best match.
        TopDocs top = snapshot.search(like.build(), new TopScoreDocCollectorManager(limit + 1, null, limit + 1));
        List<Integer> ids = new ArrayList<>();
        List<LeafReaderContext> leaves = reader.leaves();
        for (ScoreDoc hit : top.scoreDocs) {
            if (hit.doc == doc || ids.size() == limit) {
                continue;
            }
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
            NumericDocValues column = DocValues.getNumeric(leaf.reader(), IndexLayout.ID);
            if (column.advanceExact(hit.doc - leaf.docBase)) {
                ids.add((int) column.longValue());
            }
        }
        return ids;
    }

    /** The record's document number in the reader, or -1. */
    private static int docOf(IndexReader reader, int id) throws IOException {
        Term term = IndexLayout.idTerm(id);
        for (LeafReaderContext leaf : reader.leaves()) {
            PostingsEnum postings = leaf.reader().postings(term, PostingsEnum.NONE);
            if (postings == null) {
                continue;
            }
            var live = leaf.reader().getLiveDocs();
            for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                if (live == null || live.get(d)) {
                    return leaf.docBase + d;
                }
            }
        }
        return -1;
    }

    /**
     * The most telling candidates first, as many as the bounds allow: at most {@value #MAX_TERMS},
     * whose records add up to at most {@value #POSTINGS_BUDGET}. Two at least, or one person or
     * place: a single shared word is no kinship.
     */
    private static List<Candidate> chosen(List<Candidate> candidates) {
        candidates.sort(Comparator.comparingDouble(Candidate::weight).reversed());
        List<Candidate> chosen = new ArrayList<>();
        long postings = 0;
        for (Candidate candidate : candidates) {
            if (chosen.size() == MAX_TERMS) {
                break;
            }
            if (postings + candidate.docFreq() > POSTINGS_BUDGET) {
                continue;
            }
            chosen.add(candidate);
            postings += candidate.docFreq();
        }
        if (chosen.size() == 1 && !chosen.get(0).link()) {
            return List.of();
        }
        return chosen;
    }

    private static List<Candidate> candidates(IndexReader reader, Analyzer analyzer, int doc) throws IOException {
        int documents = reader.numDocs();
        long most = Math.max(MIN_MOST, (long) documents * MAX_SHARE_PERCENT / 100);
        List<Candidate> candidates = new ArrayList<>();
        for (Term link : links(reader, doc)) {
            int df = reader.docFreq(link);
            if (df >= 2 && df <= most) {
                candidates.add(new Candidate(link, LINK_BOOST * idf(documents, df), df, true));
            }
        }
        for (Map.Entry<String, Integer> word : words(reader, analyzer, doc).entrySet()) {
            Term term = new Term(IndexLayout.STEM, word.getKey());
            int df = reader.docFreq(term);
            if (df >= 2 && df <= most) {
                candidates.add(new Candidate(term, word.getValue() * idf(documents, df), df, false));
            }
        }
        return candidates;
    }

    private static double idf(int documents, int docFreq) {
        return Math.log(1 + (double) documents / docFreq);
    }

    /** The drill-down terms of the record's people and places. */
    private static List<Term> links(IndexReader reader, int doc) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), IndexLayout.FACETS);
        List<Term> links = new ArrayList<>();
        if (!values.advanceExact(doc - leaf.docBase)) {
            return links;
        }
        for (int i = 0; i < values.docValueCount(); i++) {
            String[] path = FacetsConfig.stringToPath(values.lookupOrd(values.nextOrd()).utf8ToString());
            if (path.length == 2 && (path[0].equals(Facet.PERSON.key()) || path[0].equals(Facet.PLACE.key()))) {
                links.add(DrillDownQuery.term(IndexLayout.FACETS, path[0], path[1]));
            }
        }
        return links;
    }

    /** The record's stemmed words of at least {@value #MIN_WORD_LENGTH} letters, with how often each occurs. */
    private static Map<String, Integer> words(IndexReader reader, Analyzer analyzer, int doc) throws IOException {
        Document stored = reader.storedFields().document(doc);
        String text = stored.get(IndexLayout.TITLE) + "\n\n" + stored.get(IndexLayout.SUMMARY);
        Map<String, Integer> frequencies = new HashMap<>();
        try (TokenStream stream = analyzer.tokenStream(IndexLayout.STEM, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (term.length() >= MIN_WORD_LENGTH && !Character.isDigit(term.charAt(0))) {
                    frequencies.merge(term.toString(), 1, Integer::sum);
                }
            }
            stream.end();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return frequencies;
    }
}
