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
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/**
 * The records most like one record, from the index alone: one ranked query (BM25, top hits found
 * with WAND) for the people and places it is linked to and its most distinctive words (the
 * {@value #WORDS} stemmed words of its title and summary with the highest tf·idf among those in at
 * least two records and at most {@value #MAX_SHARE_PERCENT} % of them, or 5 in a small catalogue;
 * people and places in more records than that are left out too: they say little of kinship, and a
 * clause matching a large share of the index leaves WAND little to skip). A person or place weighs
 * {@value #LINK_BOOST} times a word: sharing Shtykov says more than sharing "telegram". The same
 * idea is Solr's MoreLikeThis handler over the {@code stem} field plus facet terms.
 */
final class Related {

    static final int WORDS = 10;
    static final int MAX_SHARE_PERCENT = 10;
    static final float LINK_BOOST = 2f;
    static final int MIN_WORD_LENGTH = 3;

    private Related() {
    }

    /** The ids of up to {@code limit} records like record {@code id}, most alike first; empty if it is not in the index. */
    static List<Integer> of(Snapshot snapshot, Analyzer analyzer, int id, int limit) throws IOException {
        TopDocs self = snapshot.search(new TermQuery(IndexLayout.idTerm(id)), 1);
        if (self.scoreDocs.length == 0 || limit <= 0) {
            return List.of();
        }
        int doc = self.scoreDocs[0].doc;
        IndexReader reader = snapshot.getIndexReader();
        BooleanQuery.Builder like = new BooleanQuery.Builder();
        int clauses = 0;
        long most = mostDocs(reader);
        for (Term link : links(reader, doc)) {
            // A person or place in many records is no sign of kinship (and would leave WAND little to skip).
            if (reader.docFreq(link) <= most) {
                like.add(new BoostQuery(new TermQuery(link), LINK_BOOST), Occur.SHOULD);
                clauses++;
            }
        }
        for (Term word : distinctiveWords(reader, analyzer, doc)) {
            like.add(new TermQuery(word), Occur.SHOULD);
            clauses++;
        }
        if (clauses == 0) {
            return List.of();
        }
        like.add(new TermQuery(IndexLayout.idTerm(id)), Occur.MUST_NOT);
        TopDocs top = snapshot.search(like.build(), new TopScoreDocCollectorManager(limit, null, limit));
        List<Integer> ids = new ArrayList<>();
        List<LeafReaderContext> leaves = reader.leaves();
        for (ScoreDoc hit : top.scoreDocs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
            NumericDocValues column = DocValues.getNumeric(leaf.reader(), IndexLayout.ID);
            if (column.advanceExact(hit.doc - leaf.docBase)) {
                ids.add((int) column.longValue());
            }
        }
        return ids;
    }

    /** The most records a word, person or place may be in to count as distinctive. */
    private static long mostDocs(IndexReader reader) {
        return Math.max(5, (long) reader.numDocs() * MAX_SHARE_PERCENT / 100);
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

    private static List<Term> distinctiveWords(IndexReader reader, Analyzer analyzer, int doc) throws IOException {
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
        int documents = reader.numDocs();
        long most = mostDocs(reader);
        record Scored(Term term, double weight) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : frequencies.entrySet()) {
            Term term = new Term(IndexLayout.STEM, entry.getKey());
            int df = reader.docFreq(term);
            if (df < 2 || df > most) {
                continue;
            }
            scored.add(new Scored(term, entry.getValue() * Math.log(1 + (double) documents / df)));
        }
        scored.sort(Comparator.comparingDouble(Scored::weight).reversed());
        return scored.stream().limit(WORDS).map(Scored::term).toList();
    }
}
