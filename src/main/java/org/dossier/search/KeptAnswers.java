package org.dossier.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
    static final KeptAnswers NONE = new KeptAnswers(0, 0, 0, 0);

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
     * What the answers, the totals, the related records and the suggestions kept may each weigh,
     * roughly ({@link #weight}), in bytes; 0 keeps none of that kind.
     */
    KeptAnswers(long forAnswers, long forTotals, long forRelated, long forSuggestions) {
        if (forAnswers < 0 || forTotals < 0 || forRelated < 0 || forSuggestions < 0) {
            throw new IllegalArgumentException("kept answers must weigh 0 bytes or more, not " + forAnswers
                    + ", " + forTotals + ", " + forRelated + " and " + forSuggestions);
        }
        // Not a cache of weight 0: Caffeine evicts later, on another thread, so an answer could still be given again.
        this.answers = forAnswers == 0 ? null : Caffeine.newBuilder().maximumWeight(forAnswers)
                .weigher((Asked asked, SearchResults results) -> weight(results)).build();
        this.totals = forTotals == 0 ? null : Caffeine.newBuilder().maximumWeight(forTotals)
                .weigher((Asked asked, Long total) -> TOTAL_WEIGHT).build();
        this.related = forRelated == 0 ? null : Caffeine.newBuilder().maximumWeight(forRelated)
                .weigher((RelatedAsked asked, List<Integer> ids) -> 64 + 16 * ids.size()).build();
        this.suggestions = forSuggestions == 0 ? null : Caffeine.newBuilder().maximumWeight(forSuggestions)
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
                forRelated, forSuggestions);
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

    /** About what an answer takes in memory: its hits with their snippets, and its counts. */
    private static int weight(SearchResults results) {
        long counts = results.years().size() + results.yearsAnyDate().size() + results.decades().size()
                + results.without().size();
        for (List<FacetCount> values : results.facets().values()) {
            counts += values.size();
        }
        long bytes = 512 + results.hits().size() * 1_024L + counts * 64;
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
