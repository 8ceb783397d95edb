package org.dossier.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.FixedBitSet;

/**
 * The first hits of a search's words alone on one snapshot, best first and equal scores by record
 * number ({@link TopByScore}): index docs, as many as were asked for ({@link #KEPT} at least), or
 * every hit when there are fewer. The first {@code n} of them are the words' first {@code n} hits,
 * and those of them among a set of records, in their order, are the first hits among that set as
 * far as they go: a page of the same words with filters is found there, once its words were
 * ranked, without scoring every record the filters pass (a popular word's half a million).
 */
record FirstHits(int[] docs, boolean every) {

    /**
     * How many are ranked and kept at least: ten pages of a hundred, and a page of ten among a
     * filter that passes one hit in a hundred. Ranking a thousand cost about twice what ranking ten
     * did over the load mix's words at a million records (6.5 against 3.3 ms; BENCHMARKS.md, "The
     * ranking of a search's hits"), once a snapshot for each words; a page of the same words with
     * a filter, ranked among the filter's records, cost as much again each time.
     */
    static final int KEPT = 1_000;

    /**
     * How many of the hits of words that must all be there are ranked the first time: ten pages of
     * ten. Their ranking skips little (a conjunction's bound in a block is the sum of each word's
     * block maximum, near the top in every block of popular words), and ranking a thousand cost
     * about twice what ranking ten did over the load mix's two-word searches at a million records;
     * a page deeper than these ranks {@link #KEPT}. BENCHMARKS.md, "Two popular words, a phrase".
     */
    static final int KEPT_OF_WORDS_TOGETHER = 100;

    /** How many hits of {@code words} alone are ranked and kept the first time they are asked on a snapshot. */
    static int firstRanked(Query words) {
        return words instanceof BooleanQuery bool && bool.clauses().stream().filter(BooleanClause::isRequired).count() > 1
                ? KEPT_OF_WORDS_TOGETHER : KEPT;
    }

    FirstHits {
        docs = docs.clone();
    }

    /** The hits {@link TopByScore} found when asked for {@code asked}: every hit when fewer. */
    FirstHits(int[] docs, int asked) {
        this(docs, docs.length < asked);
    }

    /** Whether these are the first {@code wanted} hits, or every hit. */
    boolean hold(int wanted) {
        return every || docs.length >= wanted;
    }

    /**
     * The first {@code wanted} of these that are among {@code records} (of the reader these were
     * ranked on, whose leaves are {@code leaves}), in their order; fewer when fewer are.
     */
    int[] firstAmong(RecordSet records, int wanted, List<LeafReaderContext> leaves) {
        int[] first = new int[Math.min(wanted, docs.length)];
        int found = 0;
        for (int i = 0; i < docs.length && found < first.length; i++) {
            if (records.holds(docs[i], leaves)) {
                first[found++] = docs[i];
            }
        }
        return found == first.length ? first : Arrays.copyOf(first, found);
    }

    /**
     * The same among the records {@code filter} matches (of the reader these were ranked on), each
     * of these checked against it in index order, a leaf at a time: for filters led by records
     * kept as bits, checked in a fraction of what ranking among them costs.
     */
    int[] firstAmong(Weight filter, int wanted, List<LeafReaderContext> leaves) throws IOException {
        int[] ascending = docs.clone();
        Arrays.sort(ascending);
        FixedBitSet held = new FixedBitSet(docs.length == 0 ? 1 : ascending[ascending.length - 1] + 1);
        int i = 0;
        for (LeafReaderContext leaf : leaves) {
            int end = leaf.docBase + leaf.reader().maxDoc();
            if (i == ascending.length) {
                break;
            }
            if (ascending[i] >= end) {
                continue;
            }
            Scorer scorer = filter.scorer(leaf);
            TwoPhaseIterator twoPhase = scorer == null ? null : scorer.twoPhaseIterator();
            DocIdSetIterator records = scorer == null ? null : twoPhase == null ? scorer.iterator() : twoPhase.approximation();
            for (; i < ascending.length && ascending[i] < end; i++) {
                if (records == null) {
                    continue;
                }
                int target = ascending[i] - leaf.docBase;
                int at = records.docID() < target ? records.advance(target) : records.docID();
                if (at == target && (twoPhase == null || twoPhase.matches())) {
                    held.set(ascending[i]);
                }
            }
        }
        int[] first = new int[Math.min(wanted, docs.length)];
        int found = 0;
        for (int j = 0; j < docs.length && found < first.length; j++) {
            if (held.get(docs[j])) {
                first[found++] = docs[j];
            }
        }
        return found == first.length ? first : Arrays.copyOf(first, found);
    }

    @Override
    public int[] docs() {
        return docs.clone();
    }

    /** The first {@code wanted} hits, or all of these when fewer. */
    int[] first(int wanted) {
        return Arrays.copyOf(docs, Math.min(wanted, docs.length));
    }

    /** About what these take in memory, in bytes. */
    int weight() {
        return 48 + 4 * docs.length;
    }
}
