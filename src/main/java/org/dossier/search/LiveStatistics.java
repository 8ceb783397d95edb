package org.dossier.search;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * BM25's statistics over the records a reader can find, as an index holding only them would give.
 *
 * <p>Why: Lucene's own statistics count a record's older version, deleted by a save or a
 * withdrawal, until a merge drops its segment's deleted records, which each index does at its own
 * pace. Two nodes holding the same records, one rebuilt and one that followed months of edits,
 * then weighed the same words differently ({@code idf} from how many records have a word, and the
 * length a record is compared with, the average of every record's), and ranked the same search
 * differently.
 *
 * <p>How, cheaply: a segment without deletions answers from Lucene's sums. For a segment with
 * deletions, a word's count walks the word's postings there, skipping deleted records; a field's
 * sums are Lucene's less what the deleted records held, found by reading their stored title and
 * summary with the analyzer again. Deletions only grow, so what a segment's deleted records held
 * is carried from snapshot to snapshot and only the records deleted since are read (as {@link
 * LiveTallies} carries its counts).
 */
final class LiveStatistics {

    /** The only fields whose words are scored (the names' links weigh a constant). */
    private static final List<String> SCORED = List.of(IndexLayout.TEXT, IndexLayout.STEM);
    private static final Analyzer ANALYZER = new CatalogueAnalyzer();

    /** What the deleted records of each segment held: the one with the most deletions, which newer snapshots start from. */
    private static final Map<IndexReader.CacheKey, Deleted> KEPT = new ConcurrentHashMap<>();

    /** What one field of a segment's deleted records held: records with the field, words, and distinct words per record. */
    private record Held(long records, long words, long distinctWords) {
        static final Held NONE = new Held(0, 0, 0);

        Held plus(Held other) {
            return new Held(records + other.records, words + other.words, distinctWords + other.distinctWords);
        }
    }

    /** A segment's deleted records as of {@code liveDocs}: how many, and what each scored field of theirs held. */
    private record Deleted(Bits liveDocs, int deleted, Map<String, Held> fields) {
        Held of(String field) {
            return fields.getOrDefault(field, Held.NONE);
        }
    }

    private LiveStatistics() {
    }

    /**
     * A scored field's statistics over the live records of {@code reader}, or Lucene's own for a field
     * that is not scored; null when no live record has the field (as Lucene answers).
     */
    static CollectionStatistics collection(IndexReader reader, String field) throws IOException {
        if (!SCORED.contains(field)) {
            return null;
        }
        long records = 0;
        long words = 0;
        long distinctWords = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(field);
            if (terms == null) {
                continue;
            }
            Held deleted = deleted(leaf.reader()).of(field);
            records += terms.getDocCount() - deleted.records();
            words += terms.getSumTotalTermFreq() - deleted.words();
            distinctWords += terms.getSumDocFreq() - deleted.distinctWords();
        }
        if (records <= 0) {
            return null;
        }
        return new CollectionStatistics(field, reader.numDocs(), records, words, distinctWords);
    }

    /**
     * How many live records of {@code reader} have {@code term}, and how often in all; null for a
     * field that is not scored, and for frequencies a fuzzy search's rewrite blended across its words
     * ({@code docFreq} and {@code totalTermFreq}, what the query was given, are then not the term's own).
     */
    static TermStatistics term(IndexReader reader, Term term, int docFreq, long totalTermFreq) throws IOException {
        if (!SCORED.contains(term.field())) {
            return null;
        }
        long rawRecords = 0;
        long rawTimes = 0;
        long records = 0;
        long times = 0;
        PostingsEnum postings = null;
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(term.field());
            if (terms == null) {
                continue;
            }
            TermsEnum words = terms.iterator();
            if (!words.seekExact(term.bytes())) {
                continue;
            }
            rawRecords += words.docFreq();
            rawTimes += words.totalTermFreq();
            Bits live = leaf.reader().getLiveDocs();
            if (live == null) {
                records += words.docFreq();
                times += words.totalTermFreq();
                continue;
            }
            postings = words.postings(postings, PostingsEnum.FREQS);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live.get(doc)) {
                    records++;
                    times += postings.freq();
                }
            }
        }
        if (docFreq != rawRecords || totalTermFreq != rawTimes) {
            // A fuzzy search's rewrite gave each of its words the largest frequency among them, so
            // that a rarer misspelling does not outweigh the word: that blend stays Lucene's own.
            return null;
        }
        if (records <= 0) {
            return null; // only deleted records have it: it matches none, and scores nothing
        }
        return new TermStatistics(term.bytes(), records, Math.max(records, times));
    }

    private static Deleted deleted(LeafReader segment) throws IOException {
        Bits live = segment.getLiveDocs();
        int deleted = segment.numDeletedDocs();
        if (live == null) {
            return new Deleted(null, 0, Map.of());
        }
        IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
        Deleted kept = helper == null ? null : KEPT.get(helper.getKey());
        if (kept != null && kept.deleted() == deleted) {
            return kept; // deletions only grow: as many means the same ones
        }
        Deleted fresh = heldSince(kept != null && kept.deleted() < deleted ? kept : null, segment, live, deleted);
        if (helper != null) {
            IndexReader.CacheKey key = helper.getKey();
            Deleted latest = KEPT.merge(key, fresh, (old, now) -> now.deleted() >= old.deleted() ? now : old);
            if (kept == null && latest == fresh) {
                helper.addClosedListener(KEPT::remove);
            }
        }
        return fresh;
    }

    /** {@code kept} (null: nothing yet) plus what the records deleted since held, read again from their stored text. */
    private static Deleted heldSince(Deleted kept, LeafReader segment, Bits live, int deleted) throws IOException {
        Map<String, Held> fields = new java.util.HashMap<>(kept == null ? Map.of() : kept.fields());
        Bits before = kept == null ? null : kept.liveDocs();
        Set<String> wanted = Set.of(IndexLayout.TITLE, IndexLayout.SUMMARY);
        var stored = segment.storedFields();
        for (int doc = 0; doc < segment.maxDoc(); doc++) {
            if ((before == null || before.get(doc)) && !live.get(doc)) {
                Document record = stored.document(doc, wanted);
                String words = IndexLayout.words(record.get(IndexLayout.TITLE), record.get(IndexLayout.SUMMARY));
                for (String field : SCORED) {
                    fields.merge(field, held(field, words), Held::plus);
                }
            }
        }
        return new Deleted(live, deleted, Map.copyOf(fields));
    }

    /** What {@code words} make in {@code field}: the record, its words and its distinct words. */
    private static Held held(String field, String words) throws IOException {
        long count = 0;
        Set<BytesRef> distinct = new HashSet<>();
        try (TokenStream stream = ANALYZER.tokenStream(field, words)) {
            TermToBytesRefAttribute term = stream.addAttribute(TermToBytesRefAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                count++;
                distinct.add(BytesRef.deepCopyOf(term.getBytesRef()));
            }
            stream.end();
        }
        return count == 0 ? Held.NONE : new Held(1, count, distinct.size());
    }
}
