package org.dossier.search;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;

/**
 * Answers one request against one snapshot in two passes: the page of hits (ranked with WAND, or
 * sorted, stopping early where it can) and one counting pass for every facet count on the page
 * ({@link CountingPass}, over {@link FacetCounter}). Counts that no filter and no words narrow come
 * from the snapshot's counts over everything. An export's every hit, in the page's order, is
 * {@link EveryHitInOrder}'s.
 */
final class Searching {

    /** The years, the range and the undated records: what the histogram and the undated records' count lift. */
    static final int DATE_FILTERS = FacetCounter.DATE_BITS;
    /**
     * The lifted bits of counts kept under words and filters that hold every facet's values under
     * them ({@code CountingPass.underAnyFacetLifted}): read for lifting any one facet's filter.
     */
    static final int ANY_ONE_FACET = -1;

    private final Analyzer analyzer;
    private final QueryReader queries;
    private final Spelling spelling;

    Searching(Analyzer analyzer) {
        this.analyzer = analyzer;
        this.queries = new QueryReader(analyzer);
        this.spelling = new Spelling(analyzer);
    }

    SearchResults search(Snapshot snapshot, Names names, SearchRequest request) throws IOException {
        return search(snapshot, names, request, null);
    }

    /**
     * As {@link #search(Snapshot, Names, SearchRequest)}; {@code found}, when not null, is given the
     * hits its counting pass found, for {@link #hits(Snapshot, Names, SearchRequest, Found, SortedMap)} to rank
     * the page among.
     */
    SearchResults search(Snapshot snapshot, Names names, SearchRequest request, Found found) throws IOException {
        QueryReader.ReadQuery text = request.hasText() ? read(snapshot, request.text(), names) : null;
        SearchResults results;
        try {
            results = search(snapshot, request, text, found);
        } catch (IndexSearcher.TooManyClauses e) {
            text = queries.plainWords(request.text(), names, "Your search stands for too many "
                    + "different words (a short prefix or a loose wildcard), so only its plain words were searched for.");
            results = search(snapshot, request, text, found);
        }
        if (text == null || results.total() >= Spelling.FEW) {
            return results;
        }
        String respelt = spelling.respell(new LuceneWordStatistics(snapshot), request.text(), names);
        if (respelt == null) {
            return results;
        }
        Query instead = and(queries.matching(read(snapshot, respelt, names).query()),
                new RequestFilters(request, snapshot.ordinals).all());
        return snapshot.count(instead) > results.total() ? results.withSuggestion(respelt) : results;
    }

    /**
     * The hits of {@code request}'s page alone, for counts already made for it: read as its counts
     * were (its words, or its plain words when they stand for too many). Ranked among the hits
     * {@code found} holds when it holds those of the same words on this snapshot (the same
     * request's counting pass); {@code years}, when not null, the request's counts by year on this
     * snapshot ({@link SearchResults#years()}), for a browse's newest hits to be found among the
     * latest years alone. Either may be null.
     */
    List<SearchHit> hits(Snapshot snapshot, Names names, SearchRequest request, Found found,
                         SortedMap<Integer, Long> years) throws IOException {
        RequestFilters filters = new RequestFilters(request, snapshot.ordinals);
        if (!request.hasText()) {
            return newestHits(snapshot, request, filters.all(), years);
        }
        QueryReader.ReadQuery text = read(snapshot, request.text(), names);
        try {
            Query words = text == null ? null : text.query();
            if (found != null && found.sorted != null && found.words.equals(words)
                    && found.byDate == request.effectiveSort() && found.wanted == request.offset() + request.pageSize()) {
                return page(snapshot, request, words, found.sorted);
            }
            return hitsAmong(snapshot, request, words, found, filters);
        } catch (IndexSearcher.TooManyClauses e) {
            Query words = queries.plainWords(request.text(), names, "").query();
            return hitsAmong(snapshot, request, words, found, filters);
        }
    }

    /** The page's hits among what a counting pass found for the same words and filters, when it did ({@link #among}). */
    private List<SearchHit> hitsAmong(Snapshot snapshot, SearchRequest request, Query words, Found found,
                                      RequestFilters filters) throws IOException {
        Query among = among(found, snapshot, words, filters);
        return hits(snapshot, request, words, among, found != null && among == found.hits);
    }

    /**
     * What the page's hits must pass besides the words: the hits a counting pass found for the
     * same words and filters when there are; or, when it counted them from rows by span without
     * visiting them, the range's records kept as bits and the other filters; else the filters
     * themselves (null for none).
     */
    private static Query among(Found found, Snapshot snapshot, Query words, RequestFilters filters) {
        if (found != null && found.hits != null && found.words.equals(words)
                && found.hitsBits.fits(snapshot.getIndexReader().leaves())) {
            return found.hits;
        }
        return filters.all();
    }

    /**
     * The hits a search's counting pass found, for the page's ranking to use; filled only by a
     * pass over words with filters (without filters the words' own ranking skips more than a set
     * of their every hit would let it). A pass over a phrase alone ({@link #holdsPhrase}) ranks it
     * itself, for a page by relevance, and keeps its first hits on the snapshot
     * ({@link Snapshot#keepFirstHits}) for the page to be taken from: one walk over the phrase's
     * positions instead of two. A pass over words alone for a page by date sorts its first hits
     * itself, the page taken from them.
     */
    static final class Found {
        /** How many first hits the page needs, when it is by relevance; else 0: nothing to rank. */
        private final int ranked;
        /** The page's order when it is by date, with words; else null: nothing to sort in the pass. */
        private final SortOrder byDate;
        /** How many hits a page by date needs: those before it and its own. */
        private final int wanted;
        /** The words they were found for (the reader's query, not the counting one). */
        private Query words;
        /**
         * The hits the pass found ({@link RecordSet}), or, when it counted them from rows by span
         * instead of visiting them, the hits as filters (the range's records kept as bits and the
         * others); null when it left neither.
         */
        private Query hits;
        /** The records kept as bits {@link #hits} is led by (the hits, or the range's): of the snapshot they fit. */
        private RecordSet hitsBits;
        /** The first {@link #wanted} hits of {@link #words} in {@link #byDate}'s order, when the pass sorted them; else null. */
        private int[] sorted;

        /** For {@code page}'s counting pass: the page whose hits are then found. */
        Found(SearchRequest page) {
            ranked = page.hasText() && page.effectiveSort() == SortOrder.RELEVANCE
                    ? Math.max(FirstHits.KEPT, page.offset() + page.pageSize()) : 0;
            SortOrder order = page.effectiveSort();
            byDate = page.hasText() && (order == SortOrder.DATE_NEWEST || order == SortOrder.DATE_OLDEST) ? order : null;
            wanted = page.offset() + page.pageSize();
        }

        /** Whether a counting pass left its hits here. */
        boolean holdsHits() {
            return hits instanceof RecordSet;
        }

        /** Whether a counting pass counted the hits from rows by span and left them here as filters. */
        boolean holdsHitsAsFilters() {
            return hits != null && !(hits instanceof RecordSet);
        }

        /** Whether a counting pass sorted the page's first hits by date here. */
        boolean holdsPageByDate() {
            return sorted != null;
        }

        /** The hits a counting pass left here; null when none did. */
        RecordSet records() {
            return hits instanceof RecordSet records ? records : null;
        }
    }

    int[] hitIds(Snapshot snapshot, Names names, SearchRequest request) throws IOException {
        return withWords(snapshot, request, names, words -> hitIds(snapshot, request, words));
    }

    /** How many records the search finds: its words and filters as one query, counted by Lucene alone. */
    long count(Snapshot snapshot, Names names, SearchRequest request) throws IOException {
        Query filters = new RequestFilters(request, snapshot.ordinals).all();
        return withWords(snapshot, request, names, words -> (long) snapshot.count(and(words, filters)));
    }

    /**
     * How many records the search finds, its range aside, whose period straddles an end of the
     * range (see {@link RequestFilters#straddling}): what the range's two ways of being met differ
     * by. A handful of the index's records, counted in a fraction of the time the search takes.
     */
    long straddling(Snapshot snapshot, Names names, SearchRequest request) throws IOException {
        Query straddling = new RequestFilters(request, snapshot.ordinals).straddling();
        return straddling == null ? 0
                : withWords(snapshot, request, names, words -> (long) snapshot.count(and(words, straddling)));
    }

    /** {@code text} as read, each fuzzy word as the words of the snapshot it stands for ({@link FuzzyWords}), as on SolrCloud. */
    private QueryReader.ReadQuery read(Snapshot snapshot, String text, Names names) throws IOException {
        QueryReader.ReadQuery read = queries.read(text, names);
        Query expanded = read.query() == null ? null : FuzzyWords.expanded(read.query(), new LuceneWordStatistics(snapshot));
        return expanded == read.query() ? read : new QueryReader.ReadQuery(expanded, read.notice());
    }

    /** Work on a search's words as a query (null for none). */
    private interface WordsWork<T> {
        T run(Query words) throws IOException;
    }

    /**
     * {@code work} on the request's words as read, or, when they stand for too many clauses (a
     * prefix of thousands of words), on the same words read plainly, as a page's search does.
     */
    private <T> T withWords(Snapshot snapshot, SearchRequest request, Names names, WordsWork<T> work) throws IOException {
        QueryReader.ReadQuery text = request.hasText() ? read(snapshot, request.text(), names) : null;
        try {
            return work.run(text == null ? null : text.query());
        } catch (IndexSearcher.TooManyClauses e) {
            return work.run(queries.plainWords(request.text(), names, "").query());
        }
    }

    /**
     * Every hit, ranked or sorted as the page would show them: by date or by score from one array
     * of packed keys sorted, by title (strings, compared segment by segment) through Lucene's
     * collector.
     */
    private int[] hitIds(Snapshot snapshot, SearchRequest request, Query words) throws IOException {
        Query filters = new RequestFilters(request, snapshot.ordinals).all();
        Query query = and(words, filters);
        SortOrder order = request.effectiveSort();
        if (words != null && order == SortOrder.RELEVANCE) {
            return EveryHitInOrder.idsByScore(snapshot, query);
        }
        if (order == SortOrder.TITLE) {
            return EveryHitInOrder.idsByTitle(snapshot, query);
        }
        // Relevance without words to rank by is newest first, as sort(order) says too.
        return EveryHitInOrder.idsByDate(snapshot, query, order != SortOrder.DATE_OLDEST);
    }

    /** The hits and every count, without looking for a better spelling; {@code text} null for no words. */
    SearchResults search(Snapshot snapshot, SearchRequest request, QueryReader.ReadQuery text) throws IOException {
        return search(snapshot, request, text, null);
    }

    private SearchResults search(Snapshot snapshot, SearchRequest request, QueryReader.ReadQuery text, Found found)
            throws IOException {
        RequestFilters filters = new RequestFilters(request, snapshot.ordinals);
        Query words = text == null ? null : text.query();
        int active = filters.activeBits;
        boolean recordHits = found != null && words != null && active != 0;
        // A phrase's first hits ranked in the pass, rather than its positions read a second time.
        int rankInPass = found != null && words != null && active == 0 && found.ranked > 0 && holdsPhrase(words)
                && snapshot.keepsFirstHits() && snapshot.keptFirstHits(words) == null ? found.ranked : 0;
        // A page of words by date sorted in the pass, rather than every hit visited a second time
        // (see CountingPass's byDate).
        SortOrder sortInPass = found != null && words != null && active == 0 ? found.byDate : null;
        // Counted with a query that matches the same records, ranking nothing (see QueryReader.matching);
        // or the words themselves, when the pass ranks them.
        CountingPass counted = new CountingPass(snapshot, words == null ? null : queries.matching(words), filters, recordHits,
                rankInPass > 0 ? words : null, rankInPass,
                sortInPass == null ? null
                        : new FirstByDate(found.wanted, sortInPass == SortOrder.DATE_NEWEST, snapshot.segments));
        if (recordHits) {
            found.words = words;
            found.hits = counted.hits;
            found.hitsBits = counted.hitsBits;
        }
        if (counted.sorted != null) {
            found.words = words;
            found.sorted = counted.sorted;
        }
        PageCounts page = new PageCounts(request);
        for (Facet facet : Facet.values()) {
            // A facet whose values must all be there counts its values under its own filter too.
            FacetCounter.Counts counts = counted.under(request.countsUnderItsOwnFilter(facet) ? active
                    : active & ~Filter.of(facet).bit());
            Ordinals ordinals = snapshot.ordinals;
            for (int ord = 0; ord < ordinals.size(); ord++) {
                if (counts.values[ord] > 0 && ordinals.facetOf(ord) == facet) {
                    page.value(facet, ordinals.keyOf(ord), counts.values[ord]);
                }
            }
        }
        FacetCounter.Counts yearCounts = counted.under(active & ~Filter.YEAR.bit());
        counted(yearCounts.years, yearCounts.firstYear, 1, page::year);
        FacetCounter.Counts anyDateCounts = counted.under(active & ~DATE_FILTERS);
        counted(anyDateCounts.yearsAnyDate, anyDateCounts.firstYear, 1, page::yearAnyDate);
        counted(anyDateCounts.decadesAnyDate, anyDateCounts.firstDecade, 10, page::decade);
        page.undated(anyDateCounts.undatedAnyDate);
        List<SearchHit> hits = words == null ? newestHits(snapshot, request, filters.all(), page.years())
                : hits(snapshot, request, words, filters.all());
        for (Filter filter : request.activeFilters()) {
            page.without(filter, counted.under(active & ~filter.bit()).without(filter));
        }
        page.total(counted.under(active).total);
        return page.results(hits, text == null ? null : text.notice());
    }

    /**
     * For a page of the newest hits of a search without words, the latest years that hold them all,
     * as a range of start days the page can be found among instead of every hit (a popular value's
     * records are a third to a half of the catalogue); null when the page is in another order, needs
     * every year, or {@code years} (the search's counts by year, null for none) are not the hits'
     * own (a year is ticked: they are counted without it). Exact: a hit of an earlier year starts
     * before every hit of those years, and there are enough of them to fill the page.
     */
    private static Query newestYears(SearchRequest request, SortedMap<Integer, Long> years) {
        SortOrder order = request.effectiveSort();
        if (years == null || !request.dates().years().isEmpty() || !request.hasPaging()
                || (order != SortOrder.RELEVANCE && order != SortOrder.DATE_NEWEST)) {
            return null;
        }
        long wanted = (long) request.offset() + request.pageSize();
        long hits = 0;
        List<Integer> latestFirst = new ArrayList<>(years.keySet());
        java.util.Collections.reverse(latestFirst);
        for (int year : latestFirst) {
            hits += years.get(year);
            if (year > 0 && hits >= wanted) {
                return IntPoint.newRangeQuery(IndexLayout.START, IndexLayout.day(LocalDate.of(year, 1, 1)), Integer.MAX_VALUE);
            }
        }
        return null;
    }

    /**
     * The page of a search without words, looked for among the latest years' records first
     * ({@link #newestYears}). A span is counted under each year it covers ("1961–1962" under 1961
     * and 1962), so the latest years' counts may promise more records starting in them than there
     * are: when they do not fill the page, it is found among every hit. A full page among them is
     * exact: every record left out starts before each of theirs.
     */
    private List<SearchHit> newestHits(Snapshot snapshot, SearchRequest request, Query filters,
                                       SortedMap<Integer, Long> years) throws IOException {
        Query newest = newestYears(request, years);
        if (newest != null) {
            List<SearchHit> page = hits(snapshot, request, null, and(newest, filters));
            if (page.size() == request.pageSize()) {
                return page;
            }
        }
        return hits(snapshot, request, null, filters);
    }

    /** {@code among}: what the hits must pass besides the words, null for nothing. */
    private List<SearchHit> hits(Snapshot snapshot, SearchRequest request, Query words, Query among)
            throws IOException {
        return hits(snapshot, request, words, among, false);
    }

    /**
     * The same; {@code counted}: {@code among} is the hits a counting pass found, or the filters it
     * counted them under from rows by span, cheap to check a record at a time (kept as bits, or led
     * by such), so that a page by relevance is looked for among the words' kept first hits first.
     */
    private List<SearchHit> hits(Snapshot snapshot, SearchRequest request, Query words, Query among, boolean counted)
            throws IOException {
        if (!request.hasPaging()) {
            return List.of();
        }
        int wanted = request.offset() + request.pageSize();
        int[] all = words != null && request.effectiveSort() == SortOrder.RELEVANCE
                ? ranked(snapshot, words, among, counted, wanted)
                : sorted(snapshot, and(words, among), request.effectiveSort(), wanted);
        return page(snapshot, request, words, all);
    }

    /**
     * The page of {@code request} from {@code all}, the index docs of its first hits in its order
     * (those of the pages before it, then its own): each with its id and its words marked.
     */
    private List<SearchHit> page(Snapshot snapshot, SearchRequest request, Query words, int[] all) throws IOException {
        int count = Math.max(0, all.length - request.offset());
        int[] docIds = new int[count];
        for (int i = 0; i < count; i++) {
            docIds[i] = all[request.offset() + i];
        }
        HighlightedText[][] marked = words == null ? null : Highlights.of(snapshot, analyzer, words, docIds);
        List<SearchHit> hits = new ArrayList<>(count);
        List<LeafReaderContext> leaves = snapshot.getIndexReader().leaves();
        for (int i = 0; i < count; i++) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docIds[i], leaves));
            NumericDocValues ids = DocValues.getNumeric(leaf.reader(), IndexLayout.ID);
            if (!ids.advanceExact(docIds[i] - leaf.docBase)) {
                throw new IllegalStateException("a record in the index has no id");
            }
            hits.add(marked == null ? new SearchHit((int) ids.longValue(), HighlightedText.EMPTY, HighlightedText.EMPTY)
                    : new SearchHit((int) ids.longValue(), marked[i][0], marked[i][1]));
        }
        return hits;
    }

    /**
     * The index docs of the first {@code wanted} hits of {@code words} among {@code among} (null for
     * every record) by relevance, equal scores by id ({@link TopByScore}). The words alone are
     * ranked once a snapshot for their first pages ({@link Snapshot#firstHits}); among a counting
     * pass's hits, a page is the first of those that are among them, when they hold enough, and
     * is otherwise ranked among the hits (every one of them scored: block-max skipping passes over
     * little in a conjunction, whose bounds are each clause's block maximum summed; BENCHMARKS.md,
     * "The ranking of a search's hits").
     */
    private static int[] ranked(Snapshot snapshot, Query words, Query among, boolean counted, int wanted)
            throws IOException {
        if (among == null) {
            return snapshot.firstHits(words, wanted);
        }
        FirstHits first = counted ? snapshot.keptFirstHits(words) : null;
        if (first != null) {
            // A filter adds nothing to a hit's score: the words' order among the counted hits is
            // their order alone, and a hit beyond the first hits ranks after every one of them.
            List<LeafReaderContext> leaves = snapshot.getIndexReader().leaves();
            int[] page = among instanceof RecordSet records ? first.firstAmong(records, wanted, leaves)
                    : first.firstAmong(snapshot.createWeight(snapshot.rewrite(among), ScoreMode.COMPLETE_NO_SCORES, 1f),
                            wanted, leaves);
            if (page.length == wanted || first.every()) {
                return page;
            }
        }
        return snapshot.search(and(words, among), new TopByScore(wanted, snapshot.segments));
    }

    /** The index docs of the first {@code wanted} hits, sorted by {@code order} (not relevance). */
    private static int[] sorted(Snapshot snapshot, Query query, SortOrder order, int wanted)
            throws IOException {
        ScoreDoc[] sorted = snapshot.search(query,
                new TopFieldCollectorManager(sort(order), wanted, null, wanted)).scoreDocs;
        int[] docs = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            docs[i] = sorted[i].doc;
        }
        return docs;
    }

    /**
     * The start day an undated record (which has none) sorts by: after every dated record, newest
     * first and oldest first alike, as the listing ({@code /}) places it.
     */
    static int undatedStart(boolean newestFirst) {
        return newestFirst ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }

    private static Sort sort(SortOrder order) {
        return switch (order) {
            case RELEVANCE, DATE_NEWEST -> new Sort(byStart(true), new SortField(IndexLayout.ID, SortField.Type.LONG, true));
            case DATE_OLDEST -> new Sort(byStart(false), new SortField(IndexLayout.ID, SortField.Type.LONG));
            case TITLE -> new Sort(new SortField(IndexLayout.SORT_TITLE, SortField.Type.STRING),
                    new SortField(IndexLayout.ID, SortField.Type.LONG));
        };
    }

    private static SortField byStart(boolean newestFirst) {
        SortField start = new SortField(IndexLayout.START, SortField.Type.INT, newestFirst);
        start.setMissingValue(undatedStart(newestFirst));
        return start;
    }

    /**
     * Each place of {@code counts} that counted anything, as {@code sink} is given it: by the year or
     * decade it stands for, place {@code i} standing for {@code (first + i) * unit} (years by year
     * less {@link FacetCounter.Counts#firstYear}, unit 1; decades by their number less
     * {@link FacetCounter.Counts#firstDecade}, unit 10, given by their first year).
     */
    private static void counted(int[] counts, int first, int unit, CountSink sink) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                sink.counted((first + i) * unit, counts[i]);
            }
        }
    }

    /** Where a year's (or a decade's) count goes: {@link PageCounts#year} and its kin, without boxing either. */
    private interface CountSink {
        void counted(int year, long count);
    }

    /**
     * Whether {@code words} hold a phrase: its ranking reads every hit's positions again after the
     * counting pass read them, and skips little. Ranked in the pass instead, the mix's phrases'
     * first pages cost a half to nine tenths of the two walks at a million records; two words that
     * must both be there cost a tenth more so (their ranking alone skips some of the second word's
     * postings, the pass none: BENCHMARKS.md, "Two popular words, a phrase").
     */
    static boolean holdsPhrase(Query words) {
        if (words instanceof BooleanQuery bool) {
            return bool.clauses().stream().anyMatch(clause -> holdsPhrase(clause.getQuery()));
        }
        if (words instanceof BoostQuery boost) {
            return holdsPhrase(boost.getQuery());
        }
        return words instanceof PhraseQuery || words instanceof MultiPhraseQuery;
    }

    static Query and(Query words, Query filter) {
        if (words == null) {
            return filter == null ? new MatchAllDocsQuery() : filter;
        }
        if (filter == null) {
            return words;
        }
        return new BooleanQuery.Builder().add(words, Occur.MUST).add(filter, Occur.FILTER).build();
    }
}
