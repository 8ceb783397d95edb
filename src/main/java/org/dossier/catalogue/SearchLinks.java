package org.dossier.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dossier.web.UrlState;

/**
 * Links that change several parameters of a search at once (a date range replaces years, from
 * and to together) or take the same search to another page; each keeps every other parameter.
 */
final class SearchLinks {

    static final String SEARCH = "/search";

    private final UrlState url;

    SearchLinks(UrlState url) {
        this.url = url;
    }

    UrlState url() {
        return url;
    }

    /** The same search on {@code path}, without the parameters named in {@code dropped}, on its first page. */
    UrlState on(String path, Set<String> dropped) {
        List<UrlState.Param> kept = new ArrayList<>();
        for (UrlState.Param p : url.params()) {
            if (!dropped.contains(p.name()) && !p.name().equals("page")) {
                kept.add(p);
            }
        }
        return new UrlState(path, kept);
    }

    /** The search limited to the dates from {@code from} to {@code to}, instead of any years or range it had. */
    String dates(String from, String to) {
        List<UrlState.Param> params = new ArrayList<>(on(SEARCH, Set.of("year", "from", "to")).params());
        params.add(new UrlState.Param("from", from));
        params.add(new UrlState.Param("to", to));
        return new UrlState(SEARCH, params).href();
    }

    /** What a form on the page must carry along in hidden fields, beside what it asks for. */
    List<UrlState.Param> carried(Set<String> askedFor) {
        return on(SEARCH, askedFor).params();
    }
}
