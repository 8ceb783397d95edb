package org.dossier.catalogue;

import java.util.List;
import java.util.Set;
import org.dossier.search.SearchRequest;

/**
 * Where the links of a search page lead: each is the page's request changed in one way (see
 * {@link SearchRequest}'s changes), written back as an address. The pager fragment asks it for
 * {@link #page(int)}, as it asks a listing's {@code UrlState}.
 */
public record SearchLinks(SearchRequest request) {

    public static final String SEARCH = "/search";

    /** {@code request} as a search page's address. */
    public static String search(SearchRequest request) {
        return request.on(SEARCH);
    }

    /** The address of page {@code n} of the same search. */
    public String page(int n) {
        return search(request.onPage(n));
    }

    /** This search on another path, from its first page: {@code /search.csv}, {@code /search/facets/person}. */
    public String on(String path) {
        return request.onPage(1).on(path);
    }

    /** What a form on the page must carry along in hidden fields, beside the parameters it asks for. */
    List<SearchRequest.Parameter> carried(Set<String> askedFor) {
        return request.onPage(1).parameters().stream().filter(p -> !askedFor.contains(p.name())).toList();
    }
}
