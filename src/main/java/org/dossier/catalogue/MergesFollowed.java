package org.dossier.catalogue;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.dossier.search.SearchRequest;

/**
 * An address that carries a search naming a person or place merged into another (its page, its
 * JSON, its exports, its facets' pages, its hits) is sent on, forever (301), to the same address
 * naming the one it was merged into, as an old slug is: a saved search keeps finding its records.
 * Why its own class: the search page, the facets' pages and the exports each reached it through
 * {@code SearchPage}.
 */
final class MergesFollowed {

    private final CatalogueSearch search;

    MergesFollowed(CatalogueSearch search) {
        this.search = search;
    }

    /** Whether {@code request} named one merged since, and was sent on (301) to the survivor's. */
    boolean sentOn(Context ctx, SearchRequest request) {
        return sentOn(ctx, request, null);
    }

    /**
     * The same, where the address adds to the search: {@code extra} is what it adds
     * ({@code order=name}, {@code hit=3}), carried to the survivor's address; or null.
     */
    boolean sentOn(Context ctx, SearchRequest request, String extra) {
        return search.afterMerges(request).map(moved -> {
            String to = moved.on(ctx.path());
            ctx.redirect(extra == null ? to : to + (to.contains("?") ? "&" : "?") + extra, HttpStatus.MOVED_PERMANENTLY);
            return true;
        }).orElse(false);
    }
}
