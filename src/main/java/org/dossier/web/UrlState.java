package org.dossier.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.search.SearchRequest;

/**
 * A page's address with its query, for building the links that change one thing about it (the
 * page, the sort) and keep the rest. Changing anything but the page goes back to page 1. The
 * parameters are named where a search's are ({@link SearchRequest#PAGE}, {@link SearchRequest#SORT}): once. A
 * search's links are its {@code SearchRequest}'s, changed and written back.
 */
public final class UrlState {

    /** One query parameter; a name may appear several times. */
    public record Param(String name, String value) {
    }

    private final String path;
    private final List<Param> params;

    public UrlState(String path, List<Param> params) {
        this.path = path;
        this.params = List.copyOf(params);
    }

    public static UrlState of(Context ctx) {
        List<Param> params = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : ctx.queryParamMap().entrySet()) {
            for (String value : entry.getValue()) {
                params.add(new Param(entry.getKey(), value));
            }
        }
        return new UrlState(ctx.path(), params);
    }

    /** The address of page {@code n} of the same list. */
    public String page(int n) {
        List<Param> changed = without(SearchRequest.PAGE);
        if (n > 1) {
            changed.add(new Param(SearchRequest.PAGE, String.valueOf(n)));
        }
        return href(changed);
    }

    /** The address with {@code name} set to {@code value} alone. */
    public String set(String name, String value) {
        List<Param> changed = without(name, SearchRequest.PAGE);
        if (value != null && !value.isEmpty()) {
            changed.add(new Param(name, value));
        }
        return href(changed);
    }

    /** The same address without the parameters {@code names} (a refused value that its links are not to carry on). */
    public UrlState without(List<String> names) {
        return new UrlState(path, without(names.toArray(String[]::new)));
    }

    /** The same query on another path: a page's search as the search page's own address. */
    public UrlState on(String otherPath) {
        return new UrlState(otherPath, params);
    }

    /** The address as it is. */
    public String href() {
        return href(params);
    }

    private List<Param> without(String... names) {
        List<String> dropped = List.of(names);
        List<Param> kept = new ArrayList<>();
        for (Param p : params) {
            if (!dropped.contains(p.name())) {
                kept.add(p);
            }
        }
        return kept;
    }

    private String href(List<Param> query) {
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder url = new StringBuilder(path).append('?');
        for (int i = 0; i < query.size(); i++) {
            if (i > 0) {
                url.append('&');
            }
            url.append(encode(query.get(i).name())).append('=').append(encode(query.get(i).value()));
        }
        return url.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
