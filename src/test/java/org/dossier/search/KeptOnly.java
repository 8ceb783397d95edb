package org.dossier.search;

/**
 * Asks an engine for what it has kept, and nothing more: were it to search or count, the work it
 * runs first ({@link SearchEngine#search(SearchRequest, Runnable)}) throws {@link Worked} instead.
 */
final class KeptOnly {

    /** Thrown where the engine would have searched or counted: what was asked was not kept. */
    static final class Worked extends RuntimeException {
        Worked() {
            super("the engine would have searched or counted: nothing kept");
        }
    }

    private static final Runnable REFUSED = () -> {
        throw new Worked();
    };

    private KeptOnly() {
    }

    /** The answer {@code engine} kept for {@code request}; throws {@link Worked} if it kept none. */
    static SearchResults answer(SearchEngine engine, SearchRequest request) {
        return engine.search(request, REFUSED);
    }

    /** The total {@code engine} kept for {@code request}; throws {@link Worked} if it kept none. */
    static long total(SearchEngine engine, SearchRequest request) {
        return engine.count(request, REFUSED);
    }
}
