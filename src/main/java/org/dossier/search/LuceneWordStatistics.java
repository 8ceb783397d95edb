package org.dossier.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/** {@link WordStatistics} of one snapshot of the embedded index, read from its terms. */
final class LuceneWordStatistics implements WordStatistics {

    private final Snapshot snapshot;
    private final IndexReader reader;

    /** The statistics of {@code snapshot}, whose live records per term, once counted, are kept with it ({@link Snapshot#frequency}). */
    LuceneWordStatistics(Snapshot snapshot) {
        this.snapshot = snapshot;
        this.reader = snapshot.getIndexReader();
    }

    @Override
    public Counts count(Map<String, ? extends Collection<String>> termsByField) throws IOException {
        Map<String, Map<String, Long>> byField = new HashMap<>();
        for (Map.Entry<String, ? extends Collection<String>> field : termsByField.entrySet()) {
            Map<String, Long> records = new HashMap<>();
            for (String term : field.getValue()) {
                records.put(term, (long) snapshot.frequency(term(field.getKey(), term)));
            }
            byField.put(field.getKey(), records);
        }
        return new Counts(reader.numDocs(), byField);
    }

    /** A term as this index holds it: a person's or place's key is a drill-down term of the facets field. */
    static Term term(String field, String text) {
        return Facet.fromKey(field).map(facet -> DrillDownQuery.term(IndexLayout.FACETS, facet.key(), text))
                .orElseGet(() -> new Term(field, text));
    }

    @Override
    public List<Word> startingWith(String field, String prefix, int max) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, field);
        List<Word> words = new ArrayList<>();
        if (terms == null) {
            return words;
        }
        TermsEnum walk = terms.iterator();
        if (walk.seekCeil(new BytesRef(prefix)) == TermsEnum.SeekStatus.END) {
            return words;
        }
        for (BytesRef term = walk.term(); term != null && words.size() < max; term = walk.next()) {
            String word = term.utf8ToString();
            if (!word.startsWith(prefix)) {
                break;
            }
            words.add(new Word(word, walk.docFreq()));
        }
        return words;
    }

    @Override
    public List<Word> near(String field, String word) throws IOException {
        return within(field, word, 2, 1);
    }

    @Override
    public List<Word> within(String field, String word, int edits) throws IOException {
        return within(field, word, edits, 0);
    }

    /** The words within {@code edits} of {@code word}, swaps counting one, sharing its first {@code prefix} letters: an automaton walked over the terms. */
    private List<Word> within(String field, String word, int edits, int prefix) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, field);
        List<Word> words = new ArrayList<>();
        if (terms == null) {
            return words;
        }
        FuzzyTermsEnum walk = new FuzzyTermsEnum(terms, new Term(field, word), edits, prefix, true);
        for (BytesRef term = walk.next(); term != null; term = walk.next()) {
            words.add(new Word(term.utf8ToString(), walk.docFreq()));
        }
        return words;
    }

    @Override
    public Map<String, String> firstWith(String field, Collection<String> words) throws IOException {
        Map<String, String> found = new HashMap<>();
        for (String word : words) {
            TopDocs first = snapshot.search(new TermQuery(term(field, word)), 1,
                    new Sort(new SortField(IndexLayout.ID, SortField.Type.LONG)));
            if (first.scoreDocs.length > 0) {
                Document record = snapshot.storedFields().document(first.scoreDocs[0].doc,
                        Set.of(IndexLayout.TITLE, IndexLayout.SUMMARY));
                found.put(word, IndexLayout.words(record.get(IndexLayout.TITLE), record.get(IndexLayout.SUMMARY)));
            }
        }
        return found;
    }
}
