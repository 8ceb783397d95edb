package org.dossier.search;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;

/**
 * Answers one request against one snapshot in two passes: the page of hits (ranked with WAND, or
 * sorted, stopping early where it can) and one counting pass for every facet count on the page
 * ({@link FacetCounter}). Counts that no filter and no words narrow come from the snapshot's
 * counts over everything.
 */
final class Searching {

    /** The years, the range and the undated records: what the histogram and the undated records' count lift. */
    private static final int DATE_FILTERS = FacetCounter.DATE_BITS;
    /**
     * The lifted bits of counts kept under words and filters that hold every facet's values under
     * them ({@code Counted.underAnyFacetLifted}): read for lifting any one facet's filter.
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
            return hits(snapshot, request, words, among(found, snapshot, words, filters));
        } catch (IndexSearcher.TooManyClauses e) {
            Query words = queries.plainWords(request.text(), names, "").query();
            return hits(snapshot, request, words, among(found, snapshot, words, filters));
        }
    }

    /**
     * What the page's hits must pass besides the words: the hits a counting pass found for the
     * same words and filters when there are, else the filters themselves (null for none).
     */
    private static Query among(Found found, Snapshot snapshot, Query words, RequestFilters filters) {
        if (found != null && found.records != null && found.words.equals(words)
                && found.records.fits(snapshot.getIndexReader().leaves())) {
            return found.records;
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
        private RecordSet records;
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
            return records != null;
        }

        /** Whether a counting pass sorted the page's first hits by date here. */
        boolean holdsPageByDate() {
            return sorted != null;
        }

        /** The hits a counting pass left here; null when none did. */
        RecordSet records() {
            return records;
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
        // (see Counted's byDate).
        SortOrder sortInPass = found != null && words != null && active == 0 ? found.byDate : null;
        // Counted with a query that matches the same records, ranking nothing (see QueryReader.matching);
        // or the words themselves, when the pass ranks them.
        Counted counted = new Counted(snapshot, words == null ? null : queries.matching(words), filters, recordHits,
                rankInPass > 0 ? words : null, rankInPass,
                sortInPass == null ? null
                        : new FirstByDate(found.wanted, sortInPass == SortOrder.DATE_NEWEST, snapshot.segments));
        if (recordHits) {
            found.words = words;
            found.records = counted.hits;
        }
        if (counted.sorted != null) {
            found.words = words;
            found.sorted = counted.sorted;
        }
        Map<Facet, List<FacetCount>> facets = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            // A facet whose values must all be there counts its values under its own filter too.
            FacetCounter.Counts counts = counted.under(request.countsUnderItsOwnFilter(facet) ? active
                    : active & ~Filter.of(facet).bit());
            facets.put(facet, facetCounts(facet, counts, snapshot.ordinals, request.selected(facet)));
        }
        FacetCounter.Counts yearCounts = counted.under(active & ~Filter.YEAR.bit());
        SortedMap<Integer, Long> years = years(yearCounts.years, yearCounts.firstYear, request.dates().years());
        FacetCounter.Counts anyDateCounts = counted.under(active & ~DATE_FILTERS);
        SortedMap<Integer, Long> anyDate = years(anyDateCounts.yearsAnyDate, anyDateCounts.firstYear, Set.of());
        SortedMap<Integer, Long> decades = decades(anyDateCounts.decadesAnyDate, anyDateCounts.firstDecade);
        List<SearchHit> hits = words == null ? newestHits(snapshot, request, filters.all(), years)
                : hits(snapshot, request, words, filters.all());
        Map<Filter, Long> without = new EnumMap<>(Filter.class);
        for (Filter filter : request.activeFilters()) {
            without.put(filter, counted.under(active & ~filter.bit()).without(filter));
        }
        long total = counted.under(active).total;
        return new SearchResults(total, hits, facets, years, anyDate, decades, anyDateCounts.undatedAnyDate, without,
                text == null ? null : text.notice(),
                null);
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
        if (!request.hasPaging()) {
            return List.of();
        }
        int wanted = request.offset() + request.pageSize();
        int[] all = words != null && request.effectiveSort() == SortOrder.RELEVANCE
                ? ranked(snapshot, words, among, wanted)
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
    private static int[] ranked(Snapshot snapshot, Query words, Query among, int wanted) throws IOException {
        if (among == null) {
            return snapshot.firstHits(words, wanted);
        }
        FirstHits first = among instanceof RecordSet ? snapshot.keptFirstHits(words) : null;
        if (first != null) {
            // A filter adds nothing to a hit's score: the words' order among the counted hits is
            // their order alone, and a hit beyond the first hits ranks after every one of them.
            int[] page = first.firstAmong((RecordSet) among, wanted, snapshot.getIndexReader().leaves());
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

    private static List<FacetCount> facetCounts(Facet facet, FacetCounter.Counts counts, Ordinals ordinals,
                                                List<String> selected) {
        List<FacetCount> list = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>(selected);
        for (int ord = 0; ord < ordinals.size(); ord++) {
            if (ordinals.facetOf(ord) == facet) {
                String key = ordinals.keyOf(ord);
                if (counts.values[ord] > 0 || selected.contains(key)) {
                    list.add(new FacetCount(key, counts.values[ord]));
                    missing.remove(key);
                }
            }
        }
        missing.forEach(key -> list.add(new FacetCount(key, 0)));
        list.sort(Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::key));
        return list;
    }

    /** {@code counts} by year less {@code firstYear} ({@link FacetCounter.Counts#firstYear}), by year. */
    private static SortedMap<Integer, Long> years(int[] counts, int firstYear, Set<Integer> selected) {
        SortedMap<Integer, Long> years = new TreeMap<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                years.put(firstYear + i, (long) counts[i]);
            }
        }
        selected.forEach(year -> years.putIfAbsent(year, 0L));
        return years;
    }

    /** Decades counted by their number ({@link FacetCounter#DECADES}), by their first year. */
    private static SortedMap<Integer, Long> decades(int[] counts, int firstDecade) {
        SortedMap<Integer, Long> decades = new TreeMap<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                decades.put((firstDecade + i) * 10, (long) counts[i]);
            }
        }
        return decades;
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

    /**
     * The counts a page needs, by the set of filters (a bit mask) each is taken under. Counts under
     * no filter and no words are the snapshot's counts of everything; all others come from one
     * counting pass over the records that fail at most the one filter their count lifts.
     */
    private static final class Counted {
        /**
         * The share of the catalogue above which the filters' records are not worth skipping to
         * (measured: with a range of a decade or so and a facet value, visiting every record with
         * the words took a tenth less CPU, the range's points then stepped beside the words; with a
         * facet value alone, a quarter more). A range alone among those sets no longer comes to
         * this: its records are kept as bits ({@link RangeRecords}).
         */
        private static final double WIDE_FILTERS = 0.5;
        private final Snapshot snapshot;
        private final boolean words;
        /** The counts under the words alone, when they were taken apart from the pass; else null. */
        private final FacetCounter.Counts wordsAlone;
        private final FacetCounter.Counts pass;
        /** The records that passed every filter, when asked for and a pass ran; else null. */
        final RecordSet hits;
        /** The index docs of the first hits in the order {@code byDate} asked, when the pass sorted them; else null. */
        final int[] sorted;
        /**
         * Counts taken from the snapshot instead of the pass, by the filters (their bits) they are
         * under: without words, under one facet filter alone (kept from earlier browsing, or summed
         * from the values' tallies); with words, under the words and every filter but one, kept by
         * an earlier pass that lifted that one too ({@link #keepSideways}).
         */
        private final Map<Integer, FacetCounter.Counts> filterAlone;

        /**
         * {@code ranking}: the words as scored, when the pass is to rank their first {@code ranked}
         * hits too (and keep them on the snapshot) while it counts them; null otherwise. Only a pass
         * over the words alone ranks: its hits are theirs. {@code byDate}: likewise, the collector of
         * their first hits by date, when the page is in that order; null otherwise.
         */
        Counted(Snapshot snapshot, Query words, RequestFilters filters, boolean recordHits, Query ranking, int ranked,
                FirstByDate byDate) throws IOException {
            this.snapshot = snapshot;
            this.words = words != null;
            int active = filters.activeBits;
            Set<Integer> needed = new LinkedHashSet<>();
            needed.add(active);
            needed.add(active & ~DATE_FILTERS);
            for (Filter filter : Filter.values()) {
                needed.add(active & ~filter.bit());
            }
            if (!this.words) {
                needed.remove(0);
            }
            // A count that lifts the only filter there is (the values of the one facet ticked, its
            // "without") is a count under the words alone: the same for every filter asked with
            // these words, so kept on the snapshot. Once kept, the pass need only visit the records
            // that pass the filters instead of every record with the words; until then, the one
            // pass over the words counts them too, to keep.
            FacetCounter.Counts kept = this.words && needed.contains(0) ? snapshot.keptCountsUnder(words) : null;
            if (kept != null) {
                needed.remove(0);
            }
            boolean keep = kept == null && this.words && needed.contains(0) && snapshot.keepsCounts();
            // The words are then the candidates (0 is needed): each is counted unfiltered as well.
            boolean alsoUnfiltered = keep && needed.size() > 1;
            // Without words, likewise, a count that lifts one of two filters is a count under the
            // other filter alone: the counts of a facet value browsed by itself, kept on the
            // snapshot by the browse that counted them, so that browsing two values of different
            // facets visits the records with both instead of the records with either. Counts under
            // facet values (one value, "any of" or "all of" several, values of two facets) are
            // summed, when not kept, from the values' tallies in each segment, carried from
            // snapshot to snapshot (ValueTallies): a value browsed for the first time on a new
            // snapshot, alone or with another, then visits no record at all.
            filterAlone = new HashMap<>();
            // With words, a count that lifts one filter of several (a facet value's, or the range's)
            // is a count under the words and the others: the same whichever value or range is
            // lifted, so kept on the snapshot by the pass that counted it. Found kept, the pass
            // need not visit the records that fail only the lifted filter; with every such count
            // kept, it visits only the hits.
            boolean sideways = this.words && snapshot.keepsCounts() && filters.allBits == 0;
            if (sideways) {
                for (int m : List.copyOf(needed)) {
                    FacetCounter.Counts counts = m == 0 || m == active ? null
                            : snapshot.keptCountsUnder(and(words, filters.only(m)), active & ~m);
                    if (counts == null && m != 0 && isOneFacetFilter(active & ~m, filters)) {
                        counts = snapshot.keptCountsUnder(and(words, filters.only(m)), ANY_ONE_FACET);
                    }
                    if (counts != null) {
                        filterAlone.put(m, counts);
                        needed.remove(m);
                    }
                }
            }
            // The one facet filter's near misses counted under every facet's values too, when the
            // words and the other filters are to be kept for lifting any facet's filter.
            int othersKept = active & ~filters.facetBits;
            boolean nearMissOthers = sideways && Integer.bitCount(filters.facetBits) == 1 && othersKept != 0
                    && needed.contains(othersKept);
            if (!this.words) {
                for (int m : List.copyOf(needed)) {
                    boolean oneFacet = isOneFacetFilter(m, filters);
                    FacetCounter.Counts counts = oneFacet ? snapshot.keptCountsUnder(filters.only(m)) : null;
                    if (counts == null) {
                        List<List<Term>> values = filters.valueGroups(m);
                        counts = values == null ? null : ValueTallies.under(snapshot, snapshot.ordinals, values, snapshot.segments);
                        if (counts != null && oneFacet) {
                            snapshot.keepCountsUnder(filters.only(m), counts);
                        }
                    }
                    if (counts != null) {
                        filterAlone.put(m, counts);
                        needed.remove(m);
                    }
                }
            }
            int[] page = null;
            FacetCounter counter = needed.isEmpty() ? null : new FacetCounter(snapshot.ordinals, snapshot.segments,
                    filters, alsoUnfiltered, recordHits ? snapshot.getIndexReader().leaves().size() : 0, nearMissOthers,
                    snapshot.yearSpan());
            if (counter == null) {
                pass = kept;
            } else if (byDate != null && needed.equals(Set.of(0))) {
                // The words alone are the candidates (0 is needed, see candidates) and every one of
                // them is a hit: their first hits by date sorted while they are counted, rather
                // than every hit visited again (see FirstByDate).
                Object[] both = snapshot.search(candidates(snapshot, words, needed, filters),
                        new MultiCollectorManager(counter, byDate));
                pass = (FacetCounter.Counts) both[0];
                page = (int[]) both[1];
            } else if (ranking != null && needed.equals(Set.of(0))) {
                // The scored words match the records the counting words match: the same counts.
                Object[] both = snapshot.search(ranking, new MultiCollectorManager(counter,
                        new TopByScore(ranked, snapshot.segments)));
                pass = (FacetCounter.Counts) both[0];
                snapshot.keepFirstHits(ranking, new FirstHits((int[]) both[1], ranked));
            } else {
                pass = snapshot.search(candidates(snapshot, words, needed, filters), counter);
            }
            hits = counter == null ? null : counter.hits();
            sorted = page;
            if (sideways && counter != null) {
                Set<Integer> counted = new LinkedHashSet<>(needed);
                if (nearMissOthers) {
                    // Kept below for lifting any facet's filter, not this one's alone.
                    counted.remove(othersKept);
                }
                keepSideways(snapshot, words, filters, counted, pass);
                if (nearMissOthers) {
                    snapshot.keepCountsUnder(and(words, filters.only(othersKept)), ANY_ONE_FACET,
                            underAnyFacetLifted(snapshot.ordinals.size(), pass, counter.othersOfNearMisses(),
                                    Filter.values()[Integer.numberOfTrailingZeros(filters.facetBits)]));
                }
            }
            if (!this.words && isOneFacetFilter(active, filters) && needed.equals(Set.of(active))) {
                // A pass over one facet filter's records alone counted every one of them as a hit:
                // every field is the count under that filter alone.
                snapshot.keepCountsUnder(filters.only(active), pass);
            }
            if (kept != null) {
                wordsAlone = kept;
            } else if (keep) {
                wordsAlone = alsoUnfiltered ? pass.unfiltered : pass;
                snapshot.keepCountsUnder(words, wordsAlone);
            } else {
                wordsAlone = null;
            }
        }

        /**
         * The counts of every facet's values under the words and every filter but the one facet
         * filter {@code lifted}, and their total, from a pass that counted that facet's values
         * for the records failing only it and {@code others}, every other facet's: the hits'
         * values and those. The total without any one facet's filter is their total (nothing
         * fails only it there). Only those fields hold.
         */
        private static FacetCounter.Counts underAnyFacetLifted(int valueCount, FacetCounter.Counts pass, int[] others,
                                                               Filter lifted) {
            FacetCounter.Counts counts = new FacetCounter.Counts(valueCount);
            for (int ord = 0; ord < valueCount; ord++) {
                counts.values[ord] = pass.values[ord] + others[ord];
            }
            counts.total = pass.total + pass.failingOnly[lifted.ordinal()];
            return counts;
        }

        /**
         * Keeps the counts a pass took under the words and all the filters but some (each mask of
         * {@code counted} but the words alone), for a later search with the same words that lifts
         * the same filters ({@link Snapshot#keptCountsUnder(Query, int)}). What lifting them reads
         * holds in {@code pass} for every such mask: the pass visited every record with the words
         * that passes the mask's filters (its candidates are the words and any of the masks), and
         * counted each failing only a lifted facet's filter under that facet's values and each
         * failing only the dates' filters in the histogram. Its counts under every filter asked
         * hold, as well, what lifting a facet's filter it did not ask reads (its hits counted under
         * every facet), and, when it asked no date, what lifting a range reads: a later search
         * with the same words and filters and one more value, or a range, finds them there.
         */
        private static void keepSideways(Snapshot snapshot, Query words, RequestFilters filters, Set<Integer> counted,
                                         FacetCounter.Counts pass) {
            int active = filters.activeBits;
            FacetCounter.Counts kept = pass.withoutUnfiltered();
            for (int m : counted) {
                if (m == 0) {
                    // The words alone: kept as such, or not at all (see the constructor).
                    continue;
                }
                if (m == active) {
                    // Every record passing them all is a hit, counted under every facet: what
                    // lifting a facet they do not filter reads (a reader ticking one more value).
                    snapshot.keepCountsUnder(and(words, filters.only(m)), ANY_ONE_FACET, kept);
                    if ((active & DATE_FILTERS) == 0) {
                        snapshot.keepCountsUnder(and(words, filters.only(m)), Filter.DATES.bit(), kept);
                    }
                } else {
                    snapshot.keepCountsUnder(and(words, filters.only(m)), active & ~m, kept);
                }
            }
        }

        /**
         * The counts taken under {@code filterBits}. Only the fields a count under exactly those
         * filters reads are right for them: the pass may have left out records that fail more.
         */
        FacetCounter.Counts under(int filterBits) {
            FacetCounter.Counts alone = filterAlone.get(filterBits);
            if (alone != null) {
                return alone;
            }
            if (filterBits != 0) {
                return pass;
            }
            if (!words) {
                return snapshot.everything();
            }
            return wordsAlone != null ? wordsAlone : pass;
        }

        /** Whether {@code bits} is one filter by a facet's values (not the years, not the dates). */
        private static boolean isOneFacetFilter(int bits, RequestFilters filters) {
            return bits != 0 && (bits & (bits - 1)) == 0 && (bits & filters.facetBits) == bits;
        }

        /**
         * The words, and any of the filter sets: nothing outside them can count anywhere. Or the
         * words alone, when those sets take in most of the catalogue (a wide range of dates, say):
         * the pass then decides every filter itself (it must anyway), and skipping the few records
         * that fail them all costs more than visiting them (checking the filters' postings and
         * points for each of the words' records). Unless the range alone is among the sets: its
         * records are then kept as bits ({@link RangeRecords}), cheaper to check than to count
         * the records that fail it; or every set asks the range (the counts lifting its other
         * filters were kept, {@link #keepSideways}): the range's bits and the rest of those sets.
         */
        private static Query candidates(Snapshot snapshot, Query words, Set<Integer> needed, RequestFilters filters)
                throws IOException {
            List<Integer> smallest = needed.stream()
                    .filter(m -> needed.stream().noneMatch(other -> other != m && (other & m) == other))
                    .toList();
            if (smallest.contains(0)) {
                return and(words, null);
            }
            if (smallest.contains(Filter.DATES.bit())) {
                // The range alone among them: its records' bits, kept by segment, with the others'
                // records added, are checked a bit a record beside the words, however wide the range.
                List<Query> others = smallest.stream().filter(m -> m != Filter.DATES.bit()).map(filters::only).toList();
                return and(words, snapshot.segments.ranges.meetingOrAnyOf(snapshot, filters, others));
            }
            int range = Filter.DATES.bit();
            if (smallest.stream().allMatch(m -> (m & range) != 0)) {
                // Every set asks the range (the counts that lift the others were kept): the range's
                // bits, kept by segment, and any of what the sets ask besides, rather than the
                // range's points stepped beside the words.
                Query rest;
                if (smallest.size() == 1) {
                    rest = filters.only(smallest.get(0) & ~range);
                } else {
                    BooleanQuery.Builder any = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
                    smallest.forEach(m -> any.add(filters.only(m & ~range), Occur.SHOULD));
                    rest = any.build();
                }
                return and(words, new BooleanQuery.Builder()
                        .add(snapshot.segments.ranges.meetingOrAnyOf(snapshot, filters, List.of()), Occur.FILTER)
                        .add(rest, Occur.FILTER).build());
            }
            if (words != null) {
                double outside = 1;
                for (int m : smallest) {
                    outside *= 1 - filters.share(m, snapshot.everything(), snapshot.ordinals);
                }
                if (outside <= 1 - WIDE_FILTERS) {
                    return and(words, null);
                }
            }
            if (smallest.size() == 1) {
                return and(words, filters.only(smallest.get(0)));
            }
            BooleanQuery.Builder any = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
            smallest.forEach(m -> any.add(filters.only(m), Occur.SHOULD));
            return and(words, any.build());
        }
    }
}
