package org.dossier.search;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The answers an engine gave on one state of its index, kept to be given again: the embedded
 * index's on one snapshot ({@link Snapshot}), a SolrCloud collection's at one position of the
 * change feed ({@link SolrSearchEngine}). An answer depends on nothing but that state, the names it
 * expanded with and the request, so within that state it is still exact when given again. A change
 * makes a new state with a store of its own that starts empty: nothing is invalidated by hand.
 *
 * <p>Four stores, each of a weight of its own: whole answers (a page of hits with every count);
 * totals counted alone (a decade's link, the other way of meeting a range), a few bytes each; a
 * record's related records (asked on every record page); and what a search box's text is offered as
 * one types (asked on every keystroke), which the embedded engine does not keep here (it counts
 * candidates from its own terms, and keeps only their counts) but a SolrCloud collection, whose every
 * question is a request, does.
 */
final class KeptAnswers {

    /** Totals counted alone may weigh this share of what is kept: each is a few bytes. */
    static final int TOTALS_SHARE = 64;
    /** About what a kept total takes: its key's request and the entry. */
    private static final int TOTAL_WEIGHT = 256;
    /**
     * On SolrCloud ({@link #weighing}), related records and suggestions may each weigh this share of
     * what is kept: half of the twelfth the embedded index gives related records and their terms.
     */
    static final int RELATED_SHARE = 24;

    /** Keeps nothing: every answer is searched afresh (for measuring, {@code --kept-answers 0}). */
    static final KeptAnswers NONE = new KeptAnswers(0, 0, 0, 0, false);

    /** Null when no answer is kept. */
    private final Cache<Asked, SearchResults> answers;
    /** Totals counted without an answer: null when none is kept. */
    private final Cache<Asked, Long> totals;
    /** Related records asked for, by record and how many: null when none are kept. */
    private final Cache<RelatedAsked, List<Integer>> related;
    /** Suggestions offered for a text: null when none are kept. */
    private final Cache<Typed, List<Suggestion>> suggestions;

    /**
     * An answer's key: the request spelt one way ({@link SearchRequest#oneSpelling()}: its answer is
     * that of every spelling), and the names (which change without the index) it was expanded with.
     */
    private record Asked(Object names, SearchRequest request) {
        Asked {
            request = request.oneSpelling();
        }
    }

    /** Related records asked for: the record's id and how many. */
    private record RelatedAsked(int id, int limit) {
    }

    /** Suggestions asked for: the text typed, how many, and the names they were offered from. */
    private record Typed(Object names, String text, int limit) {
    }

    /**
     * What the answers, the totals, the related records and the suggestions kept may each weigh
     * ({@link #weight}), in bytes; 0 keeps none of that kind. {@code facetNamesShared}: the answers name
     * their facets' values with strings that live beside the store whatever it keeps (the embedded
     * index's snapshot's), so they are not weighed as an answer's own.
     */
    KeptAnswers(long forAnswers, long forTotals, long forRelated, long forSuggestions, boolean facetNamesShared) {
        if (forAnswers < 0 || forTotals < 0 || forRelated < 0 || forSuggestions < 0) {
            throw new IllegalArgumentException("kept answers must weigh 0 bytes or more, not " + forAnswers
                    + ", " + forTotals + ", " + forRelated + " and " + forSuggestions);
        }
        // Not a cache of weight 0: Caffeine keeps a value before it evicts it, so an answer could still be given again.
        this.answers = forAnswers == 0 ? null : KeptStores.builder().maximumWeight(forAnswers)
                .weigher((Asked asked, SearchResults results) ->
                        (int) Math.min(Integer.MAX_VALUE, weight(asked.request(), results, facetNamesShared))).build();
        this.totals = forTotals == 0 ? null : KeptStores.builder().maximumWeight(forTotals)
                .weigher((Asked asked, Long total) -> TOTAL_WEIGHT).build();
        this.related = forRelated == 0 ? null : KeptStores.builder().maximumWeight(forRelated)
                .weigher((RelatedAsked asked, List<Integer> ids) -> 64 + 16 * ids.size()).build();
        this.suggestions = forSuggestions == 0 ? null : KeptStores.builder().maximumWeight(forSuggestions)
                .weigher((Typed typed, List<Suggestion> offered) -> weight(typed, offered)).build();
    }

    /**
     * A store for a SolrCloud collection's position: {@code keptAnswers} bytes (the operator's
     * {@code --kept-answers}), a {@value #TOTALS_SHARE}th of it for the totals, a
     * {@value #RELATED_SHARE}th each for related records and suggestions, the rest for answers.
     */
    static KeptAnswers weighing(long keptAnswers) {
        if (keptAnswers == 0) {
            return NONE;
        }
        long forTotals = Math.max(1, keptAnswers / TOTALS_SHARE);
        long forRelated = Math.max(1, keptAnswers / RELATED_SHARE);
        long forSuggestions = Math.max(1, keptAnswers / RELATED_SHARE);
        return new KeptAnswers(Math.max(1, keptAnswers - forTotals - forRelated - forSuggestions), forTotals,
                forRelated, forSuggestions, false);
    }

    /**
     * The answer to {@code request} with {@code names}, as given before on this state, or
     * {@code search}ed now and kept. {@code names} is compared by identity: a new list is a new key.
     */
    <E extends Exception> SearchResults answer(Object names, SearchRequest request, Work<SearchResults, E> search) throws E {
        return answer(names, request, search, () -> true);
    }

    /** The same, keeping what {@code search} made only if {@code stillExact} says, once it is made, that it was made on this state. */
    <E extends Exception> SearchResults answer(Object names, SearchRequest request, Work<SearchResults, E> search,
                                               BooleanSupplier stillExact) throws E {
        return keptOr(answers, new Asked(new Identity(names), request), search, stillExact);
    }

    /** The answer to {@code request} with {@code names} if one was kept on this state, or null. */
    SearchResults keptAnswer(Object names, SearchRequest request) {
        return answers == null ? null : answers.getIfPresent(new Asked(new Identity(names), request));
    }

    /**
     * The total of {@code request} (counts only) with {@code names}, as counted before on this
     * state, or {@code count}ed now and kept.
     */
    <E extends Exception> long total(Object names, SearchRequest request, Work<Long, E> count) throws E {
        return total(names, request, count, () -> true);
    }

    /** The same, keeping what {@code count} made only if {@code stillExact} says, once it is made, that it was made on this state. */
    <E extends Exception> long total(Object names, SearchRequest request, Work<Long, E> count, BooleanSupplier stillExact)
            throws E {
        return keptOr(totals, new Asked(new Identity(names), request), count, stillExact);
    }

    /**
     * The {@code limit} records related to record {@code id}, as found before on this state, or
     * {@code find}s them now and keeps them if {@code stillExact} says, once found, that they were
     * found on this state: like an answer, they depend on nothing but the state.
     */
    <E extends Exception> List<Integer> related(int id, int limit, Work<List<Integer>, E> find, BooleanSupplier stillExact)
            throws E {
        return keptOr(related, new RelatedAsked(id, limit), () -> List.copyOf(find.run()), stillExact);
    }

    /**
     * Up to {@code limit} suggestions for {@code text} offered from {@code names} (compared by
     * identity), as offered before on this state, or {@code offer}ed now and kept if {@code
     * stillExact} says, once offered, that they were offered on this state.
     */
    <E extends Exception> List<Suggestion> suggestions(Object names, String text, int limit,
                                                       Work<List<Suggestion>, E> offer, BooleanSupplier stillExact)
            throws E {
        return keptOr(suggestions, new Typed(new Identity(names), text, limit), () -> List.copyOf(offer.run()),
                stillExact);
    }

    /** Work that makes what is kept: a search, a total, related records, a term's frequency. */
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** What {@code kept} holds for {@code key}, or what {@code work} makes, then kept; {@code kept} null keeps nothing. */
    static <K, V, E extends Exception> V keptOr(Cache<K, V> kept, K key, Work<V, E> work) throws E {
        return keptOr(kept, key, work, () -> true);
    }

    private static <K, V, E extends Exception> V keptOr(Cache<K, V> kept, K key, Work<V, E> work,
                                                        BooleanSupplier stillExact) throws E {
        if (kept == null) {
            return work.run();
        }
        V found = kept.getIfPresent(key);
        if (found != null) {
            return found;
        }
        // Made outside the cache's map: a computing get would hold a lock on the map's bin for the
        // whole work, and every other search whose key fell in that bin would wait behind it.
        V fresh = work.run();
        if (stillExact.getAsBoolean()) {
            kept.put(key, fresh);
        }
        return fresh;
    }

    /** Compares what it holds by identity, whatever its own equals says. */
    private record Identity(Object of) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && identity.of == of;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(of);
        }
    }

    /** About what suggestions take in memory: their key's text, and each suggestion's text and label. */
    private static int weight(Typed typed, List<Suggestion> offered) {
        long bytes = 128 + 2L * typed.text().length();
        for (Suggestion suggestion : offered) {
            bytes += 64 + 2L * suggestion.text().length() + (suggestion.label() == null ? 0 : 2L * suggestion.label().length());
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /**
     * What an answer kept for {@code asked} (spelt one way, as kept: {@link SearchRequest#oneSpelling})
     * takes in memory with its key, in bytes, counted object by object as a 64-bit HotSpot heap under
     * 32 GB lays them out (compressed references: a 12-byte header, 4 bytes a reference, each object
     * rounded up to 8 bytes; {@code jmap -histo:live} and JOL count the same, KeptAnswerWeightTest). Why
     * counted and not a round figure a hit and a count: the figure (1 KB a hit, 64 bytes a count) was
     * about twice what an answer holds at a million records (some 10.5 KB against 23 KB weighed,
     * BENCHMARKS.md, issue 14), so the store kept half the answers its memory holds. Everything is
     * counted as the answer's own, a small boxed number and a string shared with the request too, so
     * that the weight is never less than what the answer holds and the store never outgrows what it is
     * given; but the names of the facet values when {@code namesShared}: the embedded index's answers
     * name them with its snapshot's own strings ({@link Ordinals#keyOf}), which live as long as the
     * snapshot whatever is kept, where a SolrCloud answer's come with the collection's response.
     */
    static long weight(SearchRequest asked, SearchResults results, boolean namesShared) {
        long bytes = ENTRY + weight(asked) + RESULTS + listOf(results.hits().size());
        for (SearchHit hit : results.hits()) {
            bytes += HIT + 2 * HIGHLIGHTED + string(hit.title().html()) + string(hit.snippet().html());
        }
        bytes += UNMODIFIABLE_MAP + ENUM_MAP + references(results.facets().size());
        // Read by key, not through values() or forEach: a map's view, once asked for, is kept by the map and weighs too.
        for (Facet facet : Facet.values()) {
            List<FacetCount> values = results.facet(facet);
            bytes += listOf(values.size()) + (long) FACET_COUNT * values.size();
            for (FacetCount value : values) {
                // A ticked value that counted nothing is named as the request named it, not by the snapshot.
                bytes += namesShared && value.count() > 0 ? 0 : string(value.key());
            }
        }
        // The histogram's years are often the years' own object (SearchResults): then counted once.
        bytes += YearCounts.weight(results.years()) + YearCounts.weight(results.decades())
                + (results.yearsAnyDate() == results.years() ? 0 : YearCounts.weight(results.yearsAnyDate()));
        bytes += UNMODIFIABLE_MAP + ENUM_MAP + references(Filter.values().length);
        for (Filter filter : Filter.values()) {
            Long total = results.without().get(filter);
            bytes += total == null ? 0 : boxed(total);
        }
        bytes += string(results.notice()) + string(results.suggestion());
        return bytes;
    }

    /** A request kept as an answer's key, with the key's wrappers: its words, its facets' values, its dates. */
    private static long weight(SearchRequest request) {
        long bytes = ASKED + REQUEST + string(request.text()) + UNMODIFIABLE_MAP + ENUM_MAP
                + references(Facet.values().length) + weight(request.dates()) + UNMODIFIABLE_MAP + ENUM_MAP;
        for (Facet facet : Facet.values()) {
            List<String> values = request.selected(facet);
            bytes += listOf(values.size());
            for (String value : values) {
                bytes += string(value);
            }
        }
        return bytes;
    }

    /** A request's years or range: none when any date will do (one filter for all). */
    private static long weight(DateFilter dates) {
        if (!(dates instanceof DateFilter.DatedIn dated)) {
            return dates == DateFilter.ANY ? 0 : SMALL_RECORD;
        }
        long bytes = DATED_IN + (long) YEAR * dated.years().size();
        if (dated.range() != null) {
            bytes += SMALL_RECORD + weight(dated.range().from()) + weight(dated.range().to());
        }
        return bytes;
    }

    /** One end of a range: as typed, and the date it is read as. */
    private static long weight(DateBound bound) {
        return bound == null ? 0 : SMALL_RECORD + string(bound.value()) + DATE;
    }

    // The objects of an answer and its key, in bytes, laid out as above (JDK 17's fields).
    /** Caffeine's node (key, value, weights, its queues' links) and the map's node and table slots. */
    private static final int ENTRY = 48 + 32 + 16;
    /** The key ({@link Asked}, its {@link Identity}), the request record (five references, two ints). */
    private static final int ASKED = 24 + 16;
    private static final int REQUEST = 40;
    /** Years or a range ({@code DatedIn}, its unmodifiable {@code TreeSet}, map, key set); a year: its entry, boxed year. */
    private static final int DATED_IN = 24 + 24 + 16 + 48 + 16 + 16;
    private static final int YEAR = 40 + 16;
    /** A record of up to three references or four ints: a range, an end of it, a date filter of no fields. */
    private static final int SMALL_RECORD = 24;
    /** A {@link org.dossier.documents.DocumentDate}: its record, its point and the point's {@code LocalDate}. */
    private static final int DATE = 24 + 24 + 24;
    /** {@link SearchResults}: three longs, eight references. */
    private static final int RESULTS = 72;
    /** {@link SearchHit}: an int, two references; each {@link HighlightedText}: one reference. */
    private static final int HIT = 24;
    private static final int HIGHLIGHTED = 16;
    /** {@link FacetCount}: a reference and a long. */
    private static final int FACET_COUNT = 24;
    /** {@code Collections.unmodifiableMap}'s: four references. */
    private static final int UNMODIFIABLE_MAP = 32;
    /** An {@code EnumMap} without its array: five references and an int. */
    private static final int ENUM_MAP = 40;
    private static final int BOXED_LONG = 24;
    /** A {@code String}: a reference, an int, two bytes; its array's header. */
    private static final int STRING = 24;
    private static final int ARRAY = 16;

    /**
     * An unmodifiable list ({@code List.copyOf}) of {@code size} with its array (of one or two, fewer
     * bytes: no array); none when empty, as every empty one is the same list.
     */
    private static long listOf(int size) {
        return size == 0 ? 0 : 24 + references(size);
    }

    private static long references(int size) {
        return aligned(ARRAY + 4L * size);
    }

    /** A count boxed: none from -128 to 127, which every boxing gives as the JDK's one {@code Long} of each. */
    private static long boxed(long count) {
        return count >= -128 && count <= 127 ? 0 : BOXED_LONG;
    }

    /** A string and its array: a byte a character if all are Latin-1 (compact strings), two otherwise; 0 for none. */
    private static long string(String text) {
        if (text == null) {
            return 0;
        }
        int perChar = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                perChar = 2;
                break;
            }
        }
        return STRING + aligned(ARRAY + (long) perChar * text.length());
    }

    private static long aligned(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
