package org.dossier.search;

import com.github.benmanes.caffeine.cache.Cache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The index as of one refresh: a searcher whose segments are searched in parallel, its facet
 * ordinals, the counts over every record (what a page with no words and no filters shows),
 * computed once per refresh instead of once per request, and the answers it has given (searches
 * and totals, {@link KeptAnswers}; records' related records with the terms' frequencies they were
 * found by; counts under words or one filter alone).
 *
 * <p>Why answers are kept here: an answer depends on nothing but the snapshot, the names it
 * expanded with and the request, so within one snapshot it can be given again and is still exact.
 * A change applied from the feed makes a new snapshot, whose store of answers starts empty: no
 * answer outlives the index it came from, and there is nothing to invalidate by hand. Popular
 * searches (a facet browsed from the home page, a word in the news) are then counted once per
 * change instead of once per reader.
 */
final class Snapshot extends IndexSearcher {

    /** Segments at least this large are searched in a slice of their own, on their own thread. */
    private static final int SLICE_DOCS = 50_000;
    /** The counts under words alone may weigh this share (a third) of what is kept; the answers what the related records leave. */
    private static final int WORD_COUNTS_SHARE = 3;
    /**
     * Related records and the terms' frequencies they were found by may weigh this share (a
     * twelfth) of what is kept, half each: a record page asks for both.
     */
    private static final int RELATED_SHARE = 12;
    /**
     * The first hits of words alone may weigh this share (a twenty-fourth) of what is kept: 1 MB of
     * the default, some 250 words' first thousand hits.
     */
    private static final int FIRST_HITS_SHARE = 24;

    final Ordinals ordinals;
    /** What the engine keeps of each segment, from snapshot to snapshot. */
    final SegmentMemory segments;
    private volatile FacetCounter.Counts everything;
    /** Every year a record of the snapshot touches, once asked for ({@link #yearSpan()}). */
    private volatile YearSpan yearSpan;
    /**
     * The answers and the totals counted without an answer ({@link LuceneSearchEngine#count}: the
     * decades a page with a span among its hits counts by their links, asked again with the page).
     * None when no answer is kept: every search is counted afresh (for measuring what a search
     * costs), as on a snapshot just made: from the segments' own tallies where a count has them
     * ({@link LiveTallies}, {@link ValueTallies}), which are carried from snapshot to snapshot whatever
     * is kept here.
     */
    private final KeptAnswers kept;
    /**
     * Counts under a search's words alone, by its words' query (which holds the names it was
     * expanded with), kept with the answers: every search for the same words with one filter
     * lifts that filter to them. Also counts under one facet filter alone, without words, by the
     * filter's query: browsing that value with another filter lifts the other to them. And counts
     * under words and filters as a pass took them for a search that lifted one more filter
     * ({@link #keptCountsUnder(Query, int)}). And a search's words' counts by span of years
     * ({@link YearRows}, under {@link #BY_SPAN_OF_YEARS}), counted for a range search with them: one
     * store for every count kept under words, weighed alike. Null when no answer is kept.
     */
    private final Cache<CountsKey, KeptCounts> countsAlone;

    /** The lifted bits a words' rows by span of years are kept under ({@link #keptYearRows}): no search lifts these. */
    private static final int BY_SPAN_OF_YEARS = Integer.MIN_VALUE;

    /**
     * What kept counts were taken under: {@code under}, and the filters (their bits) lifted from
     * the search that counted them; 0 for none, every field of the counts then holding.
     */
    private record CountsKey(Query under, int lifted) {
    }
    /**
     * How many records have each term related records asked about (a word's stem, a person, a
     * place): most are asked again and again (a catalogue's common words are in most of its
     * records), and each costs a walk of the terms of every segment. Null when no answer is kept.
     */
    private final Cache<Term, Integer> frequencies;
    /**
     * The first hits of a search's words alone, by relevance ({@link FirstHits}), by its words' query:
     * a page of the same words with filters is the first of them that pass the filters, found
     * without scoring every record the filters pass. Null when no answer is kept.
     */
    private final Cache<Query, FirstHits> firstHits;
    /** The engine's search threads, which this snapshot's searches are counted by. */
    private final SearchThreads threads;

    /**
     * {@code keptAnswers}: what the answers, the counts under words alone and the related records
     * kept may weigh together ({@link KeptAnswers#weight}: an answer object by object; {@link FacetCounter.Counts#weight}), in
     * bytes — the operator's {@code --kept-answers}, split between them; 0 keeps none. {@code segments}:
     * what the engine keeps of each segment, shared by its snapshots.
     */
    Snapshot(IndexReader reader, SearchThreads threads, FacetsConfig config, long keptAnswers, SegmentMemory segments)
            throws IOException {
        super(reader, threads);
        this.threads = threads;
        this.ordinals = Ordinals.of(reader, config);
        this.segments = segments;
        long forCounts = keptAnswers / WORD_COUNTS_SHARE;
        long forRelated = keptAnswers / RELATED_SHARE;
        long forTotals = keptAnswers / KeptAnswers.TOTALS_SHARE;
        long forFirstHits = keptAnswers / FIRST_HITS_SHARE;
        // Suggestions' counts are kept by the engine, with the candidates it read of this snapshot (LuceneSearchEngine#suggest).
        this.kept = keptAnswers == 0 ? KeptAnswers.NONE
                : new KeptAnswers(keptAnswers - forCounts - forRelated - forTotals - forFirstHits, Math.max(1, forTotals),
                        Math.max(1, forRelated / 2), 0, true);
        // Not a cache of weight 0: Caffeine keeps a value before it evicts it, so an answer could still be given again.
        this.countsAlone = keptAnswers == 0 ? null : KeptStores.builder().maximumWeight(forCounts)
                .weigher((CountsKey under, KeptCounts counts) -> counts.weight()).build();
        this.frequencies = keptAnswers == 0 ? null : KeptStores.builder().maximumWeight(Math.max(1, forRelated / 2))
                .weigher((Term term, Integer records) -> 96 + 2 * (term.field().length() + term.bytes().length)).build();
        this.firstHits = keptAnswers == 0 ? null : KeptStores.builder().maximumWeight(Math.max(1, forFirstHits))
                .weigher((Query words, FirstHits hits) -> hits.weight()).build();
    }

    /**
     * The first hits of {@code words} alone, best first ({@link TopByScore}), as ranked before on
     * this snapshot, or null: a page of the same words among fewer records is their first that are
     * among them.
     */
    FirstHits keptFirstHits(Query words) {
        return firstHits == null ? null : firstHits.getIfPresent(words);
    }

    /** Whether the first hits of words alone are kept ({@link #keepFirstHits}). */
    boolean keepsFirstHits() {
        return firstHits != null;
    }

    /** Keeps {@code hits}, the first hits of {@code words} alone ranked on this snapshot, if first hits are kept at all. */
    void keepFirstHits(Query words, FirstHits hits) {
        if (firstHits != null) {
            firstHits.put(words, hits);
        }
    }

    /**
     * The first {@code wanted} hits of {@code words} alone, best first: from those ranked before on
     * this snapshot when they are enough, else ranked now — at least {@link FirstHits#firstRanked} of them
     * the first time, {@link FirstHits#KEPT} when those were too few, kept for later pages and for
     * the same words with filters, when answers are kept at all.
     */
    int[] firstHits(Query words, int wanted) throws IOException {
        FirstHits kept = keptFirstHits(words);
        if (kept == null || !kept.hold(wanted)) {
            if (firstHits == null) {
                return search(words, new TopByScore(wanted, segments));
            }
            int ranked = Math.max(wanted, kept == null ? FirstHits.firstRanked(words) : FirstHits.KEPT);
            kept = new FirstHits(search(words, new TopByScore(ranked, segments)), ranked);
            firstHits.put(words, kept);
        }
        return kept.first(wanted);
    }

    /**
     * The {@code limit} records related to record {@code id} as found before on this snapshot, or
     * {@code find}s them now and keeps them: like an answer, they depend on nothing but the snapshot.
     */
    List<Integer> related(int id, int limit, KeptAnswers.Work<List<Integer>, IOException> find) throws IOException {
        return kept.related(id, limit, find, () -> true);
    }

    /**
     * How many records of this snapshot have {@code term}: live records only, not a record's older
     * version deleted by a save but still in its segment (which the term's frequency counts until
     * the segment is merged away; a segment without deletions answers from the frequency alone).
     */
    int frequency(Term term) throws IOException {
        return KeptAnswers.keptOr(frequencies, term, () -> count(new TermQuery(term)));
    }

    /** Whether counts under words or one filter alone are kept ({@link #keptCountsUnder}). */
    boolean keepsCounts() {
        return countsAlone != null;
    }

    /**
     * The counts under {@code alone} — a search's words, or one facet's ticked values without
     * words — as counted before on this snapshot, or null. The two share one store: a filter's
     * query and a words' query never look alike (they are of different fields).
     */
    FacetCounter.Counts keptCountsUnder(Query alone) {
        return keptCountsUnder(alone, 0);
    }

    /**
     * The counts taken under {@code under} (words and filters) by a search that had the filters
     * {@code lifted} besides, as counted before on this snapshot, or null. Only what lifting those
     * filters reads holds in them (a lifted facet's values and the total without it, or the
     * histogram for a lifted range): a later search with the same words and filters, and another
     * value or range in place of the lifted one, reads the same there.
     */
    FacetCounter.Counts keptCountsUnder(Query under, int lifted) {
        return countsAlone != null && countsAlone.getIfPresent(new CountsKey(under, lifted)) instanceof FacetCounter.Counts counts
                ? counts : null;
    }

    /** The rows by span of years of {@code words}' records ({@link YearRows}) as counted before on this snapshot, or null. */
    YearRows keptYearRows(Query words) {
        return countsAlone != null && countsAlone.getIfPresent(new CountsKey(words, BY_SPAN_OF_YEARS)) instanceof YearRows rows
                ? rows : null;
    }

    /** Keeps {@code rows}, {@code words}' records by span of years on this snapshot, if counts are kept at all. */
    void keepYearRows(Query words, YearRows rows) {
        if (countsAlone != null) {
            countsAlone.put(new CountsKey(words, BY_SPAN_OF_YEARS), rows);
        }
    }

    /**
     * Keeps {@code counts}, taken under {@code alone} on this snapshot, if counts are kept at all:
     * cut to the years counted ({@link FacetCounter.Counts#trimmed}), a tenth of their weight.
     */
    void keepCountsUnder(Query alone, FacetCounter.Counts counts) {
        keepCountsUnder(alone, 0, counts);
    }

    /** Keeps {@code counts}, taken under {@code under} with {@code lifted} lifted ({@link #keptCountsUnder(Query, int)}), as above. */
    void keepCountsUnder(Query under, int lifted, FacetCounter.Counts counts) {
        if (countsAlone != null) {
            countsAlone.put(new CountsKey(under, lifted), counts.trimmed());
        }
    }

    /**
     * Every year any record of the snapshot starts or ends in: the places a counting pass over it
     * needs ({@link FacetCounter}), from its segments' columns (read here if not yet read, as the
     * first pass would read them).
     */
    YearSpan yearSpan() throws IOException {
        YearSpan span = yearSpan;
        if (span == null) {
            span = YearSpan.NONE;
            for (LeafReaderContext leaf : getIndexReader().leaves()) {
                span = span.and(FacetColumns.of(leaf.reader(), segments).years);
            }
            // Worked out alike on any thread that asks first: no lock needed.
            yearSpan = span;
        }
        return span;
    }

    @Override
    protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
        return slices(leaves, SLICE_DOCS, 8);
    }

    /** Every search of this snapshot's (by relevance, by sort, counting): counted while it runs ({@link SearchThreads}). */
    @Override
    public <C extends Collector, T> T search(Query query, CollectorManager<C, T> manager) throws IOException {
        return threads.search(() -> super.search(query, manager));
    }

    /**
     * The answer to {@code request} with {@code names}, as given before on this snapshot, or
     * {@code search}ed now and kept. {@code names} is compared by identity: a new list is a new key.
     */
    SearchResults answer(Names names, SearchRequest request, KeptAnswers.Work<SearchResults, IOException> search)
            throws IOException {
        return kept.answer(names, request, search);
    }

    /** The answer to {@code request} with {@code names} if one was kept on this snapshot, or null. */
    SearchResults keptAnswer(Names names, SearchRequest request) {
        return kept.keptAnswer(names, request);
    }

    /**
     * The total of {@code request} (counts only) with {@code names}, as counted before on this
     * snapshot, or {@code count}ed now and kept.
     */
    long total(Names names, SearchRequest request, KeptAnswers.Work<Long, IOException> count) throws IOException {
        return kept.total(names, request, count);
    }

    /** Counts over every record in this snapshot: the earlier snapshot's, less and plus what changed ({@link LiveTallies}). */
    FacetCounter.Counts everything() {
        FacetCounter.Counts counts = everything;
        if (counts == null) {
            synchronized (this) {
                counts = everything;
                if (counts == null) {
                    try {
                        counts = LiveTallies.everything(this, ordinals, segments);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    everything = counts;
                }
            }
        }
        return counts;
    }
}
